/// One documented key binding, as the Help screen and the footer show it.
public struct KeyBinding: Sendable, Hashable {
    public var keys: String
    public var action: String

    public init(_ keys: String, _ action: String) {
        self.keys = keys
        self.action = action
    }

    /// Every binding, grouped as the Help screen shows them.
    public static let groups: [(title: String, bindings: [KeyBinding])] = [
        ("Move", [
            KeyBinding("↑ ↓  j k", "move"),
            KeyBinding("PgUp PgDn ^B ^F", "page up / down"),
            KeyBinding("g G Home End", "first / last row"),
            KeyBinding("Enter  l  →", "endpoint detail"),
            KeyBinding("Esc  h  ←", "back; Esc clears a filter"),
        ]),
        ("Screens", [
            KeyBinding("1", "Fleet: every endpoint"),
            KeyBinding("2", "Budgets: every account"),
            KeyBinding("3", "Collectors: health and API spend"),
            KeyBinding("4  ?", "this help"),
            KeyBinding("Tab Shift-Tab", "next / previous screen"),
        ]),
        ("Fleet", [
            KeyBinding("/", "filter; a leading ! inverts"),
            KeyBinding("s  S", "sort column / reverse"),
            KeyBinding("b  B", "pin rollout baseline / clear"),
            KeyBinding("w", "chart window 15m…7d"),
        ]),
        ("Everywhere", [
            KeyBinding("r", "refresh metrics now"),
            KeyBinding("R", "refresh cost too ($)"),
            KeyBinding("p", "pause / resume updates"),
            KeyBinding("t", "next theme"),
            KeyBinding("Ctrl-L", "redraw the screen"),
            KeyBinding("Ctrl-Z", "suspend (fg resumes)"),
            KeyBinding("q", "quit"),
        ]),
    ]
}
