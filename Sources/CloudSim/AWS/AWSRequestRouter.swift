import BurnwatchCollect
import BurnwatchCore
import Foundation

/// Turns one HTTP request into one answer: names the operation, checks the signature and its
/// scope, applies scripted faults, counts the call and hands it to the service.
final class AWSRequestRouter: Sendable {
    let model: FleetModel
    let time: any TimeSource
    let options: SimulatedAWSOptions
    let verifier: AWSSignatureVerifier
    private let view: AWSFleetView
    private let counts = LockedState<[AWSOperation: Int]>([:])
    private let requestNumber = LockedState<UInt64>(0)
    private let sageMaker: SageMakerService
    private let cloudWatch: CloudWatchService
    private let bedrock: BedrockService
    private let costExplorer: CostExplorerService
    private let budgets: BudgetsService
    private let sts: STSService

    init(model: FleetModel, time: any TimeSource, options: SimulatedAWSOptions) {
        self.model = model
        self.time = time
        self.options = options
        verifier = AWSSignatureVerifier(keyPairs: options.keyPairs, clockSkewTolerance: options.clockSkewTolerance)
        view = AWSFleetView(model: model)
        sageMaker = SageMakerService(view: view)
        cloudWatch = CloudWatchService(view: view, options: options)
        bedrock = BedrockService(view: view)
        costExplorer = CostExplorerService(view: view, options: options)
        budgets = BudgetsService(view: view)
        sts = STSService(credentials: verifier.credentials)
    }

    func callCount(_ operation: AWSOperation) -> Int {
        counts.withLock { $0[operation] ?? 0 }
    }

    /// The answer to `request`, with the headers every AWS answer carries.
    func respond(to request: AWSSignedRequest) async -> AWSResponse {
        let now = time.now()
        let requestID = nextRequestID()
        var response = await answer(request, now: now, requestID: requestID)
        response.headers.append(("x-amzn-RequestId", requestID))
        response.headers.append(("Date", AWSWireTime.httpDate(now)))
        return response
    }

    private func nextRequestID() -> String {
        let number = requestNumber.withLock { value -> UInt64 in
            value += 1
            return value
        }
        let hash = AWSPageToken.fnv1a(Array(String(number).utf8))
        return String(format: "%08x-%04x-4%03x-8%03x-%012llx", UInt32(truncatingIfNeeded: hash >> 32),
                      UInt16(truncatingIfNeeded: hash >> 16), UInt16(truncatingIfNeeded: hash) & 0xFFF,
                      UInt16(truncatingIfNeeded: hash >> 4) & 0xFFF, number)
    }

    private func answer(_ request: AWSSignedRequest, now: Date, requestID: String) async -> AWSResponse {
        let operation: AWSOperation
        let form: [(String, String)]
        switch identify(request, requestID: requestID) {
        case .operation(let found):
            operation = found.0
            form = found.1
        case .rejected(let answer):
            return answer
        }
        counts.withLock { $0[operation, default: 0] += 1 }
        let wire = operation.wireProtocol
        func fail(_ error: AWSServiceError) -> AWSResponse {
            .error(error, protocol: wire, requestID: requestID)
        }

        let signature: AWSVerifiedSignature
        switch verifier.verify(request, now: now) {
        case .success(let verified): signature = verified
        case .failure(let failure): return fail(.signature(failure))
        }
        if signature.service != operation.signingName {
            return fail(.signature(.wrongScope("Credential should be scoped to correct service: '\(operation.signingName)'. ")))
        }
        if let region = operation.requiredRegion, signature.region != region {
            return fail(.signature(.wrongScope("Credential should be scoped to a valid region. ")))
        }

        let minute = model.demoMinute(at: now)
        if let fault = options.faults.first(where: { $0.applies(to: operation, minute: minute) }) {
            switch fault.behaviour {
            case .throttle: return fail(.throttling(operation))
            case .internalError:
                return fail(AWSServiceError(status: 500, code: "InternalFailure", message: "The request processing has failed because of an unknown error, exception or failure.", senderFault: false))
            case .truncated, .garbage:
                break  // applied to the real answer below
            }
        }
        if options.appliesScenarioFaults, let fault = scenarioFault(for: operation, at: now) {
            switch fault.behaviour {
            case .fail(let error) where error.isThrottle:
                return fail(.throttling(operation))
            case .fail(let error):
                return fail(AWSServiceError(status: 500, code: "InternalFailure", message: "simulated failure: \(error.kind)", senderFault: false))
            case .hang(let seconds):
                try? await Task.sleep(for: .seconds(max(0, seconds)))
                return fail(AWSServiceError(status: 503, code: "ServiceUnavailable", message: "Service unavailable", senderFault: false))
            case .malformed:
                return AWSResponse(status: 200, headers: [("Content-Type", "application/json")], body: Array("{\"Endpoi".utf8))
            }
        }

        var json: AWSJSONValue = .object([])
        if case .json = wire, !request.body.isEmpty {
            guard let parsed = AWSJSONValue.parse(request.body), parsed.isObject else {
                return fail(AWSServiceError(status: 400, code: "SerializationException", message: "Start of structure or map found where not expected."))
            }
            json = parsed
        }
        let parameters = wire == .restJSON ? request.queryParameters : form
        let call = AWSCall(operation: operation, request: request, signature: signature, now: now, json: json, parameters: parameters)
        var response: AWSResponse
        do {
            response = try handle(call, requestID: requestID)
        } catch {
            return fail(error)
        }
        if let fault = options.faults.first(where: { $0.applies(to: operation, minute: minute) }) {
            switch fault.behaviour {
            case .truncated(let keep): response.body = Array(response.body.prefix(max(0, min(keep, response.body.count - 1))))
            case .garbage: response.body = Array("<html><body>Service Temporarily Unavailable</body></html>".utf8)
            case .throttle, .internalError: break
            }
        }
        return response
    }

    private func handle(_ call: AWSCall, requestID: String) throws(AWSServiceError) -> AWSResponse {
        switch call.operation {
        case .listEndpoints: return .json(try sageMaker.listEndpoints(call), version: "1.1")
        case .describeEndpoint: return .json(try sageMaker.describeEndpoint(call), version: "1.1")
        case .describeEndpointConfig: return .json(try sageMaker.describeEndpointConfig(call), version: "1.1")
        case .listMetrics: return .json(try cloudWatch.listMetrics(call), version: "1.0")
        case .getMetricData: return .json(try cloudWatch.getMetricData(call), version: "1.0")
        case .listProvisionedModelThroughputs: return .restJSON(try bedrock.listProvisionedModelThroughputs(call))
        case .listFoundationModels: return .restJSON(try bedrock.listFoundationModels(call))
        case .getCostAndUsage: return .json(try costExplorer.getCostAndUsage(call), version: "1.1")
        case .getCostForecast: return .json(try costExplorer.getCostForecast(call), version: "1.1")
        case .describeBudgets: return .json(try budgets.describeBudgets(call), version: "1.1")
        case .getCallerIdentity: return .xml(sts.getCallerIdentity(call, requestID: requestID))
        case .assumeRole: return .xml(try sts.assumeRole(call, requestID: requestID))
        }
    }

    /// The first scenario fault for AWS whose window holds `now` and whose data class is the call's.
    private func scenarioFault(for operation: AWSOperation, at now: Date) -> SimulatedFault? {
        let offset = now.timeIntervalSince(model.start)
        return model.scenario.faults.first { $0.applies(to: .aws, dataClass: operation.dataClass, offset: offset) }
    }

    private enum Identification {
        case operation((AWSOperation, [(String, String)]))
        case rejected(AWSResponse)
    }

    /// The operation a request names, and its form parameters for the query protocol.
    private func identify(_ request: AWSSignedRequest, requestID: String) -> Identification {
        if let target = request.header("X-Amz-Target") {
            guard request.method == "POST" else {
                return .rejected(.error(
                    AWSServiceError(status: 404, code: "UnknownOperationException", message: "Operations of the JSON protocols are POST requests."),
                    protocol: .json("1.1"), requestID: requestID
                ))
            }
            guard let operation = AWSOperation.target(target) else {
                let version = target.hasPrefix("GraniteServiceVersion20100801.") ? "1.0" : "1.1"
                return .rejected(.error(
                    AWSServiceError(status: 400, code: "UnknownOperationException", message: "The operation \(target) is not known to the simulator."),
                    protocol: .json(version), requestID: requestID
                ))
            }
            return .operation((operation, []))
        }
        let contentType = request.header("Content-Type")?.lowercased() ?? ""
        var form = request.queryParameters
        if request.method == "POST", contentType.hasPrefix("application/x-www-form-urlencoded") {
            form += AWSSignedRequest.formPairs(Substring(String(decoding: request.body, as: UTF8.self)))
        }
        if let action = form.first(where: { $0.0 == "Action" })?.1 {
            switch action {
            case "GetCallerIdentity": return .operation((.getCallerIdentity, form))
            case "AssumeRole": return .operation((.assumeRole, form))
            default:
                return .rejected(.error(
                    AWSServiceError(status: 400, code: "InvalidAction", message: "Could not find operation \(action) for version 2011-06-15"),
                    protocol: .query, requestID: requestID
                ))
            }
        }
        if request.method == "GET" {
            switch request.path {
            case "/provisioned-model-throughputs": return .operation((.listProvisionedModelThroughputs, []))
            case "/foundation-models": return .operation((.listFoundationModels, []))
            default: break
            }
        }
        return .rejected(.error(
            AWSServiceError(status: 404, code: "UnknownOperationException", message: "No operation of the simulated AWS answers \(request.method) \(request.path)."),
            protocol: .restJSON, requestID: requestID
        ))
    }
}
