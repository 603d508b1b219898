import BurnwatchCore
import Foundation
import Testing

@testable import CloudSim

@Suite struct GCPBearerTests {
    static let endpoints = "/v1/projects/ml-prod-123/locations/us-central1/endpoints"

    @Test func callsWithoutAValidTokenAreUnauthenticated() async throws {
        try await withDemoGCP { client, _, _ in
            let missing = try await client.send(method: "GET", path: Self.endpoints)
            #expect(missing.status == 401)
            #expect(missing.errorStatus == "UNAUTHENTICATED")
            #expect(missing.errorReason == "CREDENTIALS_MISSING")
            #expect(missing.json?["error"]?["code"] == .number(401))
            #expect(missing.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)

            let madeUp = try await client.get(Self.endpoints, token: "ya29.sim.madeup")
            #expect(madeUp.status == 401 && madeUp.errorStatus == "UNAUTHENTICATED")
            let basic = try await client.send(method: "GET", path: Self.endpoints, headers: [("Authorization", "Basic Zm9vOmJhcg==")])
            #expect(basic.status == 401)
            #expect(client.server.callCount(.listEndpoints) == 3)
        }
    }

    @Test func tokensExpireOnTheSimulatorsClock() async throws {
        try await withDemoGCP { client, _, clock in
            let token = try await client.accessToken()
            _ = clock.advance(by: 3598)
            #expect(try await client.get(Self.endpoints, token: token).status == 200)
            _ = clock.advance(by: 2)
            let expired = try await client.get(Self.endpoints, token: token)
            #expect(expired.status == 401)
            #expect(expired.errorReason == "ACCESS_TOKEN_EXPIRED")
        }
    }

    @Test func aTokenWithoutTheMethodsScopeIsRefused() async throws {
        try await withDemoGCP { client, _, clock in
            let monitoringOnly = try await client.accessToken(scope: "https://www.googleapis.com/auth/monitoring.read")
            let now = clock.now()
            let metrics = try await client.get(
                "/v3/projects/ml-prod-123/timeSeries",
                timeSeriesQuery("aiplatform.googleapis.com/prediction/online/replicas", start: now.addingTimeInterval(-600), end: now),
                token: monitoringOnly
            )
            #expect(metrics.status == 200)
            let budgets = try await client.get("/v1/billingAccounts/\(SimulatedGCPOptions.defaultBillingAccount)/budgets", token: monitoringOnly)
            #expect(budgets.status == 403)
            #expect(budgets.errorStatus == "PERMISSION_DENIED")
            #expect(budgets.errorReason == "ACCESS_TOKEN_SCOPE_INSUFFICIENT")
            #expect(try await client.get(Self.endpoints, token: monitoringOnly).errorReason == "ACCESS_TOKEN_SCOPE_INSUFFICIENT")

            // The read-only platform scope opens BigQuery but not Vertex (aiplatform or cloud-platform only).
            let readOnly = try await client.accessToken(scope: "https://www.googleapis.com/auth/cloud-platform.read-only")
            #expect(try await client.get(Self.endpoints, token: readOnly).status == 403)
        }
    }

    @Test func unknownProjectsAndPathsAreRefused() async throws {
        try await withDemoGCP { client, _, _ in
            let other = try await client.get("/v1/projects/someone-else/locations/us-central1/endpoints")
            #expect(other.status == 403 && other.errorStatus == "PERMISSION_DENIED")
            #expect(other.errorMessage?.contains("aiplatform.endpoints.list") == true)
            let nowhere = try await client.get("/v1/projects/ml-prod-123/locations/us-central1/models")
            #expect(nowhere.status == 404 && nowhere.errorStatus == "NOT_FOUND")
        }
    }

    @Test func scriptedFaultsAnswerAsGoogleDoes() async throws {
        let options = SimulatedGCPOptions(faults: [
            GCPScriptedFault(operations: [.listTimeSeries], minutes: 30..<31, behaviour: .quotaExceeded),
            GCPScriptedFault(operations: [.listEndpoints], minutes: 30..<31, behaviour: .unavailable),
            GCPScriptedFault(operations: [.listBudgets], minutes: 30..<31, behaviour: .truncated(keepingBytes: 20)),
        ])
        try await withDemoGCP(minutesAfterStart: 30.5, options: options) { client, _, clock in
            let now = clock.now()
            let quota = try await client.get(
                "/v3/projects/ml-prod-123/timeSeries",
                timeSeriesQuery("aiplatform.googleapis.com/prediction/online/replicas", start: now.addingTimeInterval(-600), end: now)
            )
            #expect(quota.status == 429)
            #expect(quota.errorStatus == "RESOURCE_EXHAUSTED")
            #expect(quota.errorReason == "RATE_LIMIT_EXCEEDED")
            let metadata = quota.json?["error"]?["details"]?.arrayValue?.first?["metadata"]
            #expect(metadata?["quota_limit"] == "QueryRequestsPerMinutePerProject")
            #expect(quota.json?["error"]?["details"]?.arrayValue?.first?["@type"] == "type.googleapis.com/google.rpc.ErrorInfo")

            let unavailable = try await client.get(Self.endpoints)
            #expect(unavailable.status == 503 && unavailable.errorStatus == "UNAVAILABLE")

            let truncated = try await client.get("/v1/billingAccounts/\(SimulatedGCPOptions.defaultBillingAccount)/budgets")
            #expect(truncated.status == 200 && truncated.body.count == 20 && truncated.json == nil)

            // A minute later the window has passed.
            _ = clock.advance(by: 60)
            #expect(try await client.get(Self.endpoints).status == 200)
        }
    }

    @Test func theScenariosGCPFaultsApplyToTheirDataClassUnlessTurnedOff() async throws {
        var scenario = FleetScenario.demo
        scenario.faults = [.throttled(cloud: .gcp, dataClasses: [.metrics], minutes: 0..<60)]
        for honoured in [true, false] {
            try await withDemoGCP(scenario: scenario, options: SimulatedGCPOptions(appliesScenarioFaults: honoured)) { client, _, clock in
                let now = clock.now()
                let metrics = try await client.get(
                    "/v3/projects/ml-prod-123/timeSeries",
                    timeSeriesQuery("aiplatform.googleapis.com/prediction/online/replicas", start: now.addingTimeInterval(-600), end: now)
                )
                #expect(metrics.status == (honoured ? 429 : 200))
                if honoured { #expect(metrics.errorStatus == "RESOURCE_EXHAUSTED") }
                #expect(try await client.get(Self.endpoints).status == 200)
            }
        }
    }
}
