import BurnwatchCore
import Foundation
import Testing

@testable import CloudSim

@Suite struct AWSFaultTests {
    static let start = utc("2025-06-16T14:00:00Z")

    private func metricsBody(_ now: Date) -> AWSJSONValue {
        [
            "MetricDataQueries": [[
                "Id": "calls",
                "MetricStat": [
                    "Metric": [
                        "Namespace": "AWS/SageMaker", "MetricName": "Invocations",
                        "Dimensions": [["Name": "EndpointName", "Value": "llm-chat-prod"], ["Name": "VariantName", "Value": "AllTraffic"]],
                    ],
                    "Period": 60, "Stat": "Sum",
                ],
            ]],
            "StartTime": .number(now.timeIntervalSince1970 - 600), "EndTime": .number(now.timeIntervalSince1970),
        ]
    }

    @Test func throttlingHoldsForItsWindowOfSimulatedMinutes() async throws {
        let options = SimulatedAWSOptions(faults: [.throttle([.getMetricData, .getCostAndUsage], minutes: 5..<10)])
        try await withDemoAWS(start: Self.start, minutesAfterStart: 4.5, options: options) { client, _, clock in
            #expect(try await client.cloudWatch("GetMetricData", metricsBody(clock.now())).status == 200)

            clock.advance(to: Self.start.addingTimeInterval(5 * 60))
            let throttled = try await client.cloudWatch("GetMetricData", metricsBody(clock.now()))
            #expect(throttled.status == 400)
            #expect(throttled.errorType == "ThrottlingException")
            #expect(throttled.header("x-amzn-ErrorType") == "ThrottlingException")
            #expect(throttled.header("x-amzn-query-error") == "Throttling;Sender")
            // Calls the window does not name go through.
            #expect(try await client.sageMaker("ListEndpoints").status == 200)
            let cost = try await client.costExplorer("GetCostAndUsage", [
                "TimePeriod": ["Start": "2025-06-01", "End": "2025-06-17"], "Granularity": "MONTHLY", "Metrics": ["UnblendedCost"],
            ])
            #expect(cost.status == 400)
            #expect(cost.errorType == "LimitExceededException")

            clock.advance(to: Self.start.addingTimeInterval(9 * 60 + 59))
            #expect(try await client.cloudWatch("GetMetricData", metricsBody(clock.now())).status == 400)
            clock.advance(to: Self.start.addingTimeInterval(10 * 60))
            #expect(try await client.cloudWatch("GetMetricData", metricsBody(clock.now())).status == 200)

            #expect(client.server.callCount(operation: .getMetricData) == 4)
            #expect(client.server.callCount(operation: .getCostAndUsage) == 1)
            #expect(client.server.callCount(operation: .listEndpoints) == 1)
        }
    }

    @Test func bedrockThrottlesWithHTTP429() async throws {
        let options = SimulatedAWSOptions(faults: [.throttle([.listProvisionedModelThroughputs], minutes: 0..<60)])
        try await withDemoAWS(options: options) { client, _, _ in
            let answer = try await client.bedrock("/provisioned-model-throughputs")
            #expect(answer.status == 429)
            #expect(answer.header("x-amzn-ErrorType") == "ThrottlingException")
        }
    }

    @Test func scriptedMalformedAnswersAreTruncatedJSON() async throws {
        let options = SimulatedAWSOptions(faults: [
            AWSScriptedFault(operations: [.listEndpoints], minutes: 0..<60, behaviour: .truncated(keepingBytes: 20)),
            AWSScriptedFault(operations: [.describeBudgets], minutes: 0..<60, behaviour: .garbage),
        ])
        try await withDemoAWS(options: options) { client, _, _ in
            let truncated = try await client.sageMaker("ListEndpoints")
            #expect(truncated.status == 200)
            #expect(truncated.body.count == 20)
            #expect(truncated.json == nil)
            #expect(truncated.text.hasPrefix("{\"Endpoints\":["))
            let garbage = try await client.budgets(["AccountId": "123456789012"])
            #expect(garbage.status == 200)
            #expect(garbage.json == nil)
        }
    }

    @Test func theScenariosAWSFaultsApplyToTheirDataClass() async throws {
        var scenario = FleetScenario.demo
        scenario.faults.append(.throttled(cloud: .aws, dataClasses: [.cost], minutes: 0..<60))
        try await withDemoAWS(start: Self.start, scenario: scenario) { client, _, clock in
            let cost = try await client.costExplorer("GetCostForecast", [
                "TimePeriod": ["Start": "2025-06-16", "End": "2025-07-01"], "Metric": "UNBLENDED_COST", "Granularity": "MONTHLY",
            ])
            #expect(cost.errorType == "LimitExceededException")
            let budgets = try await client.budgets(["AccountId": "123456789012"])
            #expect(budgets.errorType == "ThrottlingException")
            #expect(try await client.cloudWatch("GetMetricData", metricsBody(clock.now())).status == 200)
        }
        // The demo's own faults are Azure's: AWS answers normally through them.
        try await withDemoAWS(start: Self.start, minutesAfterStart: 4) { client, _, clock in
            let answer = try await client.cloudWatch("GetMetricData", metricsBody(clock.now()))
            #expect(answer.status == 200)
        }
    }
}
