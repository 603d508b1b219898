import BurnwatchCore
import Foundation
import Testing
@testable import CollectGCP

/// Every field burnwatch sends or reads exists in Google's discovery documents with the type it
/// assumes, and its types decode the documents' full examples.
@Suite struct DiscoveryTests {
    @Test func vertexEndpointsListMatchesTheDocument() throws {
        let doc = try DiscoveryDocument.load("aiplatform.v1.trimmed.json")
        let list = try doc.method("projects.locations.endpoints.list")
        #expect(list["httpMethod"] as? String == "GET")
        #expect(list["path"] as? String == "v1/{+parent}/endpoints")
        let parameters = try doc.parameters("projects.locations.endpoints.list")
        #expect(parameters["pageSize"]?["type"] as? String == "integer")
        #expect(parameters["pageToken"]?["location"] as? String == "query")
        let endpoints = (doc.root["endpoints"] as? [[String: Any]] ?? []).compactMap { $0["endpointUrl"] as? String }
        #expect(endpoints.contains("https://us-central1-aiplatform.googleapis.com/"), "one host per location")

        try doc.checkDecodes(VertexShapes.ListEndpointsResponse.self, schema: "GoogleCloudAiplatformV1ListEndpointsResponse", keys: [
            "endpoints": "array", "nextPageToken": "string",
        ])
        try doc.checkDecodes(VertexShapes.Endpoint.self, schema: "GoogleCloudAiplatformV1Endpoint", keys: [
            "name": "string", "displayName": "string", "deployedModels": "array", "trafficSplit": "object", "labels": "object",
        ])
        let split = try #require(try doc.properties("GoogleCloudAiplatformV1Endpoint")["trafficSplit"]?["additionalProperties"] as? [String: Any])
        #expect(split["type"] as? String == "integer")
        try doc.checkDecodes(VertexShapes.DeployedModel.self, schema: "GoogleCloudAiplatformV1DeployedModel", keys: [
            "id": "string", "model": "string", "displayName": "string", "sharedResources": "string",
            "dedicatedResources": "$ref:GoogleCloudAiplatformV1DedicatedResources",
            "automaticResources": "$ref:GoogleCloudAiplatformV1AutomaticResources", "status": "$ref:GoogleCloudAiplatformV1DeployedModelStatus",
        ])
        try doc.checkDecodes(VertexShapes.DedicatedResources.self, schema: "GoogleCloudAiplatformV1DedicatedResources", keys: [
            "machineSpec": "$ref:GoogleCloudAiplatformV1MachineSpec", "minReplicaCount": "integer", "maxReplicaCount": "integer",
        ])
        try doc.checkDecodes(VertexShapes.AutomaticResources.self, schema: "GoogleCloudAiplatformV1AutomaticResources", keys: [
            "minReplicaCount": "integer", "maxReplicaCount": "integer",
        ])
        try doc.checkDecodes(VertexShapes.MachineSpec.self, schema: "GoogleCloudAiplatformV1MachineSpec", keys: [
            "machineType": "string", "acceleratorType": "string", "acceleratorCount": "integer",
        ])
        try doc.checkDecodes(VertexShapes.DeployedModelStatus.self, schema: "GoogleCloudAiplatformV1DeployedModelStatus", keys: [
            "availableReplicaCount": "integer", "lastUpdateTime": "string", "message": "string",
        ])
    }

    @Test func everyAcceleratorTypeWeKnowIsInTheEnum() throws {
        let doc = try DiscoveryDocument.load("aiplatform.v1.trimmed.json")
        let values = try #require(try doc.properties("GoogleCloudAiplatformV1MachineSpec")["acceleratorType"]?["enum"] as? [String])
        let known = values.filter { GCPPriceTable.gpu(acceleratorType: $0) != nil }
        #expect(known.count == 13)
        #expect(values.filter { $0.hasPrefix("NVIDIA_") && GCPPriceTable.gpu(acceleratorType: $0) == nil } == ["NVIDIA_GB200"])
        for key in GCPPriceTable().prices.keys where key.hasPrefix("NVIDIA_") {
            #expect(values.contains(key), "price key \(key) is not an accelerator type")
        }
    }

    @Test func timeSeriesListParametersMatchTheDocument() throws {
        let doc = try DiscoveryDocument.load("monitoring.v3.json")
        let method = try doc.method("projects.timeSeries.list")
        #expect(method["httpMethod"] as? String == "GET")
        #expect(method["flatPath"] as? String == "v3/projects/{projectsId}/timeSeries")
        let parameters = try doc.parameters("projects.timeSeries.list")
        let start = Date(timeIntervalSince1970: 1_750_068_000)
        for role in GCPCollectorMetricPlan.Role.allCases {
            let query = GCPCollectorMetricPlan.query(role)
            for (name, value) in query.queryItems(start: start, end: start.addingTimeInterval(300), pageToken: "t") {
                let parameter = try #require(parameters[name], "timeSeries.list has no parameter \(name)")
                #expect(parameter["location"] as? String == "query")
                if let allowed = parameter["enum"] as? [String] { #expect(allowed.contains(value), "\(name)=\(value)") }
            }
        }
        #expect(parameters["aggregation.groupByFields"]?["repeated"] as? Bool == true)
        #expect((parameters["aggregation.crossSeriesReducer"]?["enum"] as? [String])?.contains("REDUCE_PERCENTILE_99") == true)
        #expect((parameters["view"]?["enum"] as? [String]) == ["FULL", "HEADERS"])
        let headers = GCPCollectorMetricPlan.publisherModelsInUse().queryItems(start: start, end: start)
        #expect(headers.contains { $0 == ("view", "HEADERS") })
    }

    @Test func timeSeriesAnswersMatchTheDocument() throws {
        let doc = try DiscoveryDocument.load("monitoring.v3.json")
        try doc.checkDecodes(MonitoringShapes.ListTimeSeriesResponse.self, schema: "ListTimeSeriesResponse", keys: [
            "timeSeries": "array", "nextPageToken": "string", "unit": "string", "executionErrors": "array", "unreachable": "array",
        ])
        try doc.checkDecodes(MonitoringShapes.TimeSeries.self, schema: "TimeSeries", keys: [
            "metric": "$ref:Metric", "resource": "$ref:MonitoredResource", "metricKind": "string", "valueType": "string", "unit": "string",
            "points": "array",
        ])
        try doc.checkDecodes(MonitoringShapes.Labelled.self, schema: "Metric", keys: ["type": "string", "labels": "object"])
        try doc.checkDecodes(MonitoringShapes.Labelled.self, schema: "MonitoredResource", keys: ["type": "string", "labels": "object"])
        try doc.checkDecodes(MonitoringShapes.Point.self, schema: "Point", keys: ["interval": "$ref:TimeInterval", "value": "$ref:TypedValue"])
        try doc.checkDecodes(MonitoringShapes.TimeInterval.self, schema: "TimeInterval", keys: ["startTime": "string", "endTime": "string"])
        try doc.checkDecodes(MonitoringShapes.TypedValue.self, schema: "TypedValue", keys: [
            "int64Value": "string/int64", "doubleValue": "number", "boolValue": "boolean",
        ])
        try doc.checkDecodes(MonitoringShapes.Status.self, schema: "Status", keys: ["code": "integer", "message": "string"])
    }

    @Test func bigQueryRequestAndAnswersMatchTheDocument() throws {
        let doc = try DiscoveryDocument.load("bigquery.v2.trimmed.json")
        #expect(doc.root["servicePath"] as? String == "bigquery/v2/")
        let query = try doc.method("jobs.query")
        #expect(query["httpMethod"] as? String == "POST")
        #expect(query["path"] as? String == "projects/{+projectId}/queries")
        let results = try doc.method("jobs.getQueryResults")
        #expect(results["path"] as? String == "projects/{+projectId}/queries/{+jobId}")
        let parameters = try doc.parameters("jobs.getQueryResults")
        for name in ["location", "timeoutMs", "pageToken"] { #expect(parameters[name]?["location"] as? String == "query", "\(name)") }

        let request = try GCPBillingExportQuery(
            table: "billing-proj.billing.gcp_billing_export_resource_v1_01", project: "ml-prod", costLabel: "team",
            month: BillingMonth(year: 2025, month: 6), maximumBytesBilled: 1 << 30
        ).request
        let json = try JSONSerialization.jsonObject(with: Data(try GCPJSON.encode(request)))
        #expect(try doc.problems(json, schema: "QueryRequest", path: "QueryRequest") == [])
        #expect(try doc.type(of: "maximumBytesBilled", in: "QueryRequest") == "string/int64")
        #expect(try doc.type(of: "useLegacySql", in: "QueryRequest") == "boolean")

        let keys = [
            "jobComplete": "boolean", "jobReference": "$ref:JobReference", "schema": "$ref:TableSchema", "rows": "array",
            "pageToken": "string", "totalRows": "string/int64", "totalBytesProcessed": "string/int64", "errors": "array",
        ]
        try doc.checkDecodes(BigQueryShapes.QueryResults.self, schema: "QueryResponse", keys: keys)
        try doc.checkDecodes(BigQueryShapes.QueryResults.self, schema: "GetQueryResultsResponse", keys: keys)
        try doc.checkDecodes(BigQueryShapes.TableRow.self, schema: "TableRow", keys: ["f": "array"])
        try doc.checkDecodes(BigQueryShapes.TableCell.self, schema: "TableCell", keys: ["v": "any"])
        try doc.checkDecodes(BigQueryShapes.TableFieldSchema.self, schema: "TableFieldSchema", keys: ["name": "string", "type": "string"])
        try doc.checkDecodes(BigQueryShapes.JobReference.self, schema: "JobReference", keys: [
            "jobId": "string", "location": "string", "projectId": "string",
        ])
        try doc.checkDecodes(BigQueryShapes.ErrorProto.self, schema: "ErrorProto", keys: ["reason": "string", "message": "string"])
    }

    @Test func budgetsListMatchesTheDocument() throws {
        let doc = try DiscoveryDocument.load("billingbudgets.v1.json")
        let method = try doc.method("billingAccounts.budgets.list")
        #expect(method["path"] as? String == "v1/{+parent}/budgets")
        let parameters = try doc.parameters("billingAccounts.budgets.list")
        #expect(parameters["pageSize"]?["type"] as? String == "integer")
        #expect(parameters["pageToken"]?["type"] as? String == "string")
        try doc.checkDecodes(BudgetsShapes.ListBudgetsResponse.self, schema: "GoogleCloudBillingBudgetsV1ListBudgetsResponse", keys: [
            "budgets": "array", "nextPageToken": "string",
        ])
        try doc.checkDecodes(BudgetsShapes.Budget.self, schema: "GoogleCloudBillingBudgetsV1Budget", keys: [
            "name": "string", "displayName": "string", "budgetFilter": "$ref:GoogleCloudBillingBudgetsV1Filter",
            "amount": "$ref:GoogleCloudBillingBudgetsV1BudgetAmount", "thresholdRules": "array",
        ])
        try doc.checkDecodes(BudgetsShapes.Filter.self, schema: "GoogleCloudBillingBudgetsV1Filter", keys: [
            "projects": "array", "calendarPeriod": "string", "customPeriod": "$ref:GoogleCloudBillingBudgetsV1CustomPeriod",
        ])
        let periods = try #require(try doc.properties("GoogleCloudBillingBudgetsV1Filter")["calendarPeriod"]?["enum"] as? [String])
        #expect(periods.contains("MONTH") && periods.contains("CALENDAR_PERIOD_UNSPECIFIED"))
        try doc.checkDecodes(BudgetsShapes.BudgetAmount.self, schema: "GoogleCloudBillingBudgetsV1BudgetAmount", keys: [
            "specifiedAmount": "$ref:GoogleTypeMoney", "lastPeriodAmount": "$ref:GoogleCloudBillingBudgetsV1LastPeriodAmount",
        ])
        try doc.checkDecodes(BudgetsShapes.Money.self, schema: "GoogleTypeMoney", keys: [
            "currencyCode": "string", "units": "string/int64", "nanos": "integer",
        ])
        try doc.checkDecodes(BudgetsShapes.ThresholdRule.self, schema: "GoogleCloudBillingBudgetsV1ThresholdRule", keys: [
            "thresholdPercent": "number", "spendBasis": "string",
        ])
        let bases = try #require(try doc.properties("GoogleCloudBillingBudgetsV1ThresholdRule")["spendBasis"]?["enum"] as? [String])
        #expect(bases.contains("CURRENT_SPEND"))
    }
}
