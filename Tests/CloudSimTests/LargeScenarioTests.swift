import BurnwatchCore
import CloudSim
import Foundation
import Testing

@Suite struct LargeScenarioTests {
    @Test func aThousandEndpointsSpreadOverEveryServiceAndCloud() {
        let scenario = FleetScenario.large(endpoints: 1000)
        #expect(scenario.endpoints.count == 1000)
        #expect(Set(scenario.endpoints.map(\.id)).count == 1000)
        let perService = Dictionary(grouping: scenario.endpoints, by: \.id.service).mapValues(\.count)
        #expect(Set(perService.keys) == Set(Service.allCases))
        #expect(perService.values.allSatisfy { (142...143).contains($0) })
        #expect(Set(scenario.endpoints.map(\.id.cloud)) == Set(Cloud.allCases))
        #expect(scenario.allAccounts.count == 7)
        #expect(FleetScenario.large(endpoints: 1000) == scenario, "the same count gives the same fleet")
        #expect(FleetScenario.large(endpoints: 1000, seed: 2) != scenario)
    }

    @Test func historyFillsADayOfMinutes() {
        let start = utc("2025-06-16T14:30:00Z")
        let model = FleetModel(scenario: .large(endpoints: 50), start: start)
        let id = model.endpointIDs[0]
        let day = model.history(for: id, minutes: 1440, endingAt: start)
        let times = day.map(\.time)
        #expect(times.min()! >= start.addingTimeInterval(-86_400))
        #expect(times.max()! == start.addingTimeInterval(-60), "the last whole minute before `endingAt`")
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 }, "oldest first")
        let invocations = model.history(for: id, metric: .invocationsPerMinute, minutes: 1440, endingAt: start)
        #expect(invocations.count <= 1440 && invocations.count > 1000)
        #expect(invocations.allSatisfy { $0.metric == .invocationsPerMinute })
        #expect(invocations == day.filter { $0.metric == .invocationsPerMinute })
    }

    @Test func everyLargeFleetEndpointIsPriced() {
        let start = utc("2025-06-16T14:30:00Z")
        let model = FleetModel(scenario: .large(endpoints: 70), start: start)
        for id in model.endpointIDs {
            #expect(model.spend(of: id, from: start.addingTimeInterval(-7 * 86_400), to: start).amount > 0, "\(id)")
        }
    }
}
