/// A key press, decoded by the terminal layer into something the reducer understands.
public enum Key: Sendable, Hashable {
    case character(Character)
    /// Control plus a letter, lowercased (`Ctrl-L` is `.control("l")`).
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab
}
