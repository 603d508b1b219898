import Foundation

/// A short message in the footer, such as "cost refresh gated until 18:00".
public struct StatusMessage: Sendable, Hashable {
    public enum Level: Sendable, Hashable { case info, warning }
    public var text: String
    public var level: Level
    public var expiresAt: Date

    public init(_ text: String, level: Level = .info, expiresAt: Date) {
        self.text = text
        self.level = level
        self.expiresAt = expiresAt
    }
}

/// The values pinned by the rollout baseline key, to show deltas against.
public struct Baseline: Sendable, Equatable {
    public struct Values: Sendable, Equatable {
        public var p99: Double?
        public var invocations: Double?
        public var errorRate: Double?
        public var replicas: Double?
        public var spend: Money?
    }

    public var pinnedAt: Date
    public var values: [EndpointID: Values]
}

/// Everything about what the user sees and has chosen: screen, selection, filter, sort, theme, pause.
public struct ViewState: Sendable, Equatable {
    public var screen: Screen = .fleet
    /// Where Esc returns to from Help or Detail.
    public var previousScreen: Screen = .fleet
    public var columns: Int = 80
    public var rows: Int = 24
    /// Selected row index per list screen.
    public var selection: [Screen: Int] = [:]
    /// First visible row per list screen.
    public var scroll: [Screen: Int] = [:]
    /// The endpoint the Detail screen shows (and the Fleet selection follows it across re-sorts).
    public var selectedEndpoint: EndpointID?
    public var filter: String = ""
    public var filterEditing = false
    public var sort: SortColumn = .cloud
    public var sortDescending = false
    public var themeIndex = 0
    public var paused = false
    public var baseline: Baseline?
    public var chartWindow: ChartWindow = .h1
    public var message: StatusMessage?

    public init() {}

    /// Rows of a screen's main table: the height less header, tab line, column titles, and footer.
    public var tableRows: Int { max(1, rows - ViewState.chromeRows) }

    /// Lines every list screen spends around its table; the renderer lays out the same.
    public static let chromeRows = 5

    /// The smallest terminal the dashboard draws into; below it a "too small" screen shows.
    public static let minimumColumns = 80
    public static let minimumRows = 24

    public var isTooSmall: Bool { columns < ViewState.minimumColumns || rows < ViewState.minimumRows }
}
