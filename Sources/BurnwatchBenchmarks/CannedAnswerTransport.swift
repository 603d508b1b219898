import BurnwatchCollect

/// A `Transport` that answers every request with the same 200 response, without any I/O: it
/// lets a benchmark time the client's own work (encode, sign, decode, merge) and nothing else.
struct CannedAnswerTransport: Transport {
    let body: [UInt8]

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        HTTPResponse(status: 200, headers: [HTTPHeader("Content-Type", "application/x-amz-json-1.0")], body: body)
    }
}
