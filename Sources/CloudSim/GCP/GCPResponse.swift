/// An HTTP answer of the simulated Google APIs, before the server adds `Date` and `Content-Length`.
struct GCPResponse: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    static func json(_ value: AWSJSONValue, status: Int = 200) -> GCPResponse {
        GCPResponse(status: status, headers: [("Content-Type", "application/json; charset=UTF-8")], body: value.bytes)
    }

    /// A `google.rpc.Status` error (BigQuery's with its legacy `errors` list too).
    static func error(_ error: GCPServiceError) -> GCPResponse {
        var response = json(error.body, status: error.httpStatus)
        if error.httpStatus == 401 {
            response.headers.append(("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\""))
        }
        return response
    }
}
