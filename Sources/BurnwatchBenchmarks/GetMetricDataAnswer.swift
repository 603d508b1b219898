import CollectAWS
import Foundation

/// A GetMetricData exchange the size of one full batch, shaped like the AWS collector's: for each
/// of `endpoints` SageMaker real-time endpoints the five queries of its variant (p99
/// `ModelLatency` and `OverheadLatency`, `Invocations`, 4XX and 5XX sums), and an answer with
/// `points` one-minute datapoints for every query, in CloudWatch's JSON 1.0 form (epoch-second
/// timestamps, oldest first as the collector asks).
struct GetMetricDataAnswer {
    let queries: [CloudWatchMetricQuery]
    let body: [UInt8]
    let start: Date
    let end: Date

    init(endpoints: Int, points: Int, end: Date) {
        let roles: [(suffix: String, metric: String, stat: String)] = [
            ("ml", "ModelLatency", "p99"), ("ol", "OverheadLatency", "p99"), ("inv", "Invocations", "Sum"),
            ("e4", "Invocation4XXErrors", "Sum"), ("e5", "Invocation5XXErrors", "Sum"),
        ]
        var queries: [CloudWatchMetricQuery] = []
        for endpoint in 0..<endpoints {
            let dimensions = [
                CloudWatchShapes.Dimension(name: "EndpointName", value: "llm-serving-\(endpoint)"),
                CloudWatchShapes.Dimension(name: "VariantName", value: "AllTraffic"),
            ]
            for role in roles {
                queries.append(CloudWatchMetricQuery(
                    id: "e\(endpoint)v0_\(role.suffix)", namespace: "AWS/SageMaker", metricName: role.metric, dimensions: dimensions,
                    stat: role.stat
                ))
            }
        }
        let endMinute = Int(end.timeIntervalSince1970 / 60)
        let firstMinute = endMinute - points
        var text = #"{"MetricDataResults":["#
        for (index, query) in queries.enumerated() {
            if index > 0 { text += "," }
            let timestamps = (0..<points).map { String((firstMinute + $0) * 60) }
            // Magnitudes as CloudWatch reports them: latencies in microseconds with a fraction,
            // counts as whole numbers written as doubles.
            let values = (0..<points).map { minute -> String in
                let wobble = Double((index * 31 + minute * 17) % 97)
                switch query.metricName {
                case "ModelLatency": return String(182_000 + wobble * 1_013.37)
                case "OverheadLatency": return String(2_400 + wobble * 11.25)
                case "Invocations": return String(Double(400 + (index + minute * 7) % 900))
                default: return String(Double((index + minute) % 3))
                }
            }
            text += #"{"Id":"\#(query.id)","Label":"\#(query.metricName)","StatusCode":"Complete","#
            text += #""Timestamps":[\#(timestamps.joined(separator: ","))],"Values":[\#(values.joined(separator: ","))]}"#
        }
        text += #"],"Messages":[]}"#
        self.queries = queries
        self.body = Array(text.utf8)
        self.start = Date(timeIntervalSince1970: Double(firstMinute * 60))
        self.end = Date(timeIntervalSince1970: Double(endMinute * 60))
    }
}
