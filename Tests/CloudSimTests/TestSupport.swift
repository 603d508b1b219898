import BurnwatchCollect
import BurnwatchCore
import CloudSim
import Foundation

/// An instant from ISO 8601 text, e.g. `utc("2025-06-16T14:30:00Z")`.
func utc(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { fatalError("bad test date \(text)") }
    return date
}

func context(_ now: Date) -> CollectContext {
    CollectContext(now: now, transport: NoNetworkTransport())
}

extension FleetModel {
    func id(named name: String) -> EndpointID {
        guard let id = endpointIDs.first(where: { $0.name == name }) else { fatalError("no endpoint \(name)") }
        return id
    }
}

/// Minutes after `start`, as a date.
func minutes(_ count: Int, after start: Date) -> Date {
    start.addingTimeInterval(Double(count) * 60)
}
