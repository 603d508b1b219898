import BurnwatchCollect
import Foundation
import Testing
@testable import CollectGCP

@Suite struct GCPServiceErrorTests {
    @Test func quotaExhaustionIsAThrottle() {
        let body = #"{"error":{"code":429,"message":"Quota exceeded for quota metric 'Time series queries'","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","domain":"googleapis.com"}]}}"#
        let error = GCPServiceError.decode(status: 429, body: Array(body.utf8), api: .monitoringTimeSeries)
        #expect(error.status == "RESOURCE_EXHAUSTED")
        #expect(error.reason == "RATE_LIMIT_EXCEEDED")
        let failure = error.collectorError(retryAfter: nil, loginHint: "run: gcloud auth application-default login")
        #expect(failure.isThrottle)
    }

    @Test func aDenialNamesThePermissionAndTheRole() {
        let body = #"{"error":{"code":403,"message":"Permission 'monitoring.timeSeries.list' denied on resource","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"IAM_PERMISSION_DENIED","metadata":{"permission":"monitoring.timeSeries.list"}}]}}"#
        let failure = GCPServiceError.decode(status: 403, body: Array(body.utf8), api: .monitoringTimeSeries)
            .collectorError(retryAfter: nil, loginHint: "x")
        #expect(failure.hint == "grant permission monitoring.timeSeries.list (role roles/monitoring.viewer) to the identity in use")
        #expect(!failure.isRetryable)
    }

    @Test func aDisabledAPIIsAConfigurationProblem() {
        let body = #"{"error":{"code":403,"message":"Cloud Monitoring API has not been used in project 1 before or it is disabled.","status":"PERMISSION_DENIED","details":[{"reason":"SERVICE_DISABLED"}]}}"#
        let failure = GCPServiceError.decode(status: 403, body: Array(body.utf8), api: .monitoringTimeSeries)
            .collectorError(retryAfter: nil, loginHint: "x")
        #expect(failure.kind == "misconfigured")
        #expect(failure.detail.contains("enable monitoring.googleapis.com"))
    }

    @Test func unauthenticatedAsksForTheLogin() {
        let failure = GCPServiceError.decode(status: 401, body: Array(#"{"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED"}}"#.utf8), api: .vertexEndpoints)
            .collectorError(retryAfter: nil, loginHint: "run: gcloud auth application-default login")
        #expect(failure.hint == "run: gcloud auth application-default login")
    }

    @Test func unavailableAndBareStatusesMapSensibly() {
        #expect(GCPServiceError.decode(status: 503, body: Array("<html>".utf8), api: .bigQueryJobs).collectorError(retryAfter: 5, loginHint: "x").retryAfter == 5)
        #expect(GCPServiceError.decode(status: 500, body: [], api: .bigQueryJobs).collectorError(retryAfter: nil, loginHint: "x").kind == "server error 500")
        let oauth = GCPServiceError.decode(status: 400, body: Array(#"{"error":"invalid_grant","error_description":"Token has been expired or revoked."}"#.utf8), api: .oauthToken)
        #expect(oauth.status == "invalid_grant")
        #expect(oauth.collectorError(retryAfter: nil, loginHint: "run: gcloud auth application-default login").hint == "run: gcloud auth application-default login")
    }

    @Test func int64CellsArriveAsStrings() throws {
        struct Holder: Codable { var count: GCPInt64 }
        #expect(try JSONDecoder().decode(Holder.self, from: Data(#"{"count":"9007199254740993"}"#.utf8)).count.value == 9_007_199_254_740_993)
        #expect(try JSONDecoder().decode(Holder.self, from: Data(#"{"count":12}"#.utf8)).count.value == 12)
        #expect(String(decoding: try GCPJSON.encode(Holder(count: GCPInt64(5))), as: UTF8.self) == #"{"count":"5"}"#)
    }

    @Test func endpointsTakeALocationAndOverrides() {
        #expect(GCPEndpoints.google.aiplatform(location: "us-central1") == "https://us-central1-aiplatform.googleapis.com")
        let single = GCPEndpoints.single(URL(string: "http://127.0.0.1:9000/")!)
        #expect(single.aiplatform(location: "europe-west4") == "http://127.0.0.1:9000")
        #expect(single.token == "http://127.0.0.1:9000/token")
        let url = GCPEndpoints.url("https://monitoring.googleapis.com", path: "/v3/projects/p/timeSeries", query: [("filter", #"metric.type="a/b""#)])
        #expect(url?.absoluteString == "https://monitoring.googleapis.com/v3/projects/p/timeSeries?filter=metric.type%3D%22a%2Fb%22")
    }
}

@Suite struct GCPAccessTokenTests {
    @Test func noPrintedFormShowsTheToken() {
        let token = GCPAccessToken(value: "ya29.a0-very-secret-token", expiry: Date(timeIntervalSince1970: 1_750_000_000), source: "gcloud user login")
        var dumped = ""
        dump(token, to: &dumped)
        for text in [token.description, token.debugDescription, String(describing: token), String(reflecting: token), dumped] {
            #expect(!text.contains("ya29"), "\(text)")
        }
    }
}
