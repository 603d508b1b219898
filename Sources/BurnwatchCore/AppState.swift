import Foundation

/// The one owner of everything the dashboard knows. Changes only through `apply(_:)`.
public struct AppState: Sendable {
    public var settings: Settings
    public var now: Date
    public var endpoints: [EndpointID: EndpointRecord] = [:]
    public var costs: [CostScope: CostRecord] = [:]
    /// The band of each scope at its last fresh evaluation: a stale figure never raises or clears an alarm.
    public var heldBands: [CostScope: BurnBand] = [:]
    public var collectors: [CollectorID: CollectorHealth] = [:]
    /// The latest non-fatal issues per collector (newest last, a few kept).
    public var issues: [CollectorID: [CollectIssue]] = [:]
    /// Batches that arrived while paused, applied on resume.
    public var pending: [CollectBatch] = []
    /// Estimated price in USD of one forced cost round, shown before `R` spends it.
    public var costRoundPrice: Decimal = 0
    public var ui = ViewState()

    /// The `now` the derived rows were computed at.
    public internal(set) var derivedAt = Date.distantPast
    /// Derived: every endpoint's row, in inventory order.
    public internal(set) var rows: [EndpointRow] = []
    /// Derived: the Fleet table after filter and sort.
    public internal(set) var visibleRows: [EndpointRow] = []
    /// Derived: one row per account.
    public internal(set) var accountRows: [AccountRow] = []
    /// Derived: the fleet total per currency.
    public internal(set) var totals: [FleetTotal] = []

    public init(settings: Settings = Settings(), now: Date) {
        self.settings = settings
        self.now = now
    }

    public var selectedRow: EndpointRow? {
        guard let id = ui.selectedEndpoint else { return nil }
        return rows.first { $0.id == id }
    }

    public var themeName: String { settings.themeNames[ui.themeIndex % settings.themeNames.count] }

    /// API spend today across collectors, in USD.
    public var apiSpendToday: Decimal { collectors.values.reduce(0) { $0 + $1.spendToday } }

    /// True when any scope is at or over the alarm line on fresh data.
    public var alarmCrossed: Bool {
        rows.contains { $0.burn.band == .alarm } || accountRows.contains { $0.burn.band == .alarm }
    }
}
