/// An HTTP answer of the simulated AWS, before the server adds `Date`, `Content-Length` and the request id.
struct AWSResponse: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    static func json(_ value: AWSJSONValue, version: String) -> AWSResponse {
        AWSResponse(status: 200, headers: [("Content-Type", "application/x-amz-json-\(version)")], body: value.bytes)
    }

    static func restJSON(_ value: AWSJSONValue) -> AWSResponse {
        AWSResponse(status: 200, headers: [("Content-Type", "application/json")], body: value.bytes)
    }

    static func xml(_ text: String, status: Int = 200) -> AWSResponse {
        AWSResponse(status: status, headers: [("Content-Type", "text/xml")], body: Array(text.utf8))
    }

    /// The error framed as the operation's protocol frames it.
    static func error(_ error: AWSServiceError, protocol wire: AWSWireProtocol, requestID: String) -> AWSResponse {
        switch wire {
        case .json(let version):
            var headers = [("Content-Type", "application/x-amz-json-\(version)"), ("x-amzn-ErrorType", error.code)]
            if version == "1.0" {
                let queryCode = error.queryCode ?? error.code
                // CloudWatch is awsQueryCompatible: the legacy code travels in this header.
                headers.append(("x-amzn-query-error", "\(queryCode);\(error.senderFault ? "Sender" : "Receiver")"))
            }
            let body: AWSJSONValue = ["__type": .string(error.code), "message": .string(error.message)]
            return AWSResponse(status: error.status, headers: headers, body: body.bytes)
        case .restJSON:
            let body: AWSJSONValue = ["message": .string(error.message)]
            return AWSResponse(
                status: error.status, headers: [("Content-Type", "application/json"), ("x-amzn-ErrorType", error.code)], body: body.bytes
            )
        case .query:
            let document = """
                <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <Error>
                    <Type>\(error.senderFault ? "Sender" : "Receiver")</Type>
                    <Code>\(AWSXML.escape(error.queryCode ?? error.code))</Code>
                    <Message>\(AWSXML.escape(error.message))</Message>
                  </Error>
                  <RequestId>\(requestID)</RequestId>
                </ErrorResponse>

                """
            return xml(document, status: error.status)
        }
    }
}

/// XML text escaping for the STS answers.
enum AWSXML {
    static func escape(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            default: output.append(character)
            }
        }
        return output
    }
}
