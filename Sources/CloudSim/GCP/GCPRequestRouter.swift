import BurnwatchCollect
import BurnwatchCore
import Foundation

/// Turns one HTTP request into one answer: names the call from its method and path, counts it,
/// checks the bearer token (issued here, unexpired, with a scope the method accepts) and the
/// project, applies scripted faults and hands it to the service.
final class GCPRequestRouter: Sendable {
    let model: FleetModel
    let time: any TimeSource
    let options: SimulatedGCPOptions
    let serviceAccounts: LockedState<[SimulatedGCPServiceAccount.Registration]>
    let tokens = GCPAccessTokenStore()
    private let view: GCPFleetView
    private let counts = LockedState<[GCPOperation: Int]>([:])
    private let seriesReturned = LockedState<Int>(0)
    private let baseURL = LockedState<String>("")
    private let vertex: VertexEndpointService
    private let monitoring: MonitoringService
    private let bigQuery: BigQueryService
    private let budgets: BillingBudgetService

    init(model: FleetModel, time: any TimeSource, options: SimulatedGCPOptions) {
        self.model = model
        self.time = time
        self.options = options
        serviceAccounts = LockedState(options.serviceAccounts)
        view = GCPFleetView(model: model)
        vertex = VertexEndpointService(view: view, options: options)
        monitoring = MonitoringService(view: view, options: options)
        bigQuery = BigQueryService(
            ledger: BillingExportLedger(view: view, creditFraction: options.creditFraction), jobs: BigQueryJobStore(),
            exportTable: options.billingExportTable
        )
        budgets = BillingBudgetService(view: view, options: options)
    }

    func setBaseURL(_ url: String) {
        baseURL.withLock { $0 = url }
    }

    var tokenURL: String { baseURL.withLock { $0 } + "/token" }

    func callCount(_ operation: GCPOperation) -> Int {
        counts.withLock { $0[operation] ?? 0 }
    }

    var timeSeriesReturned: Int { seriesReturned.withLock { $0 } }

    func respond(to request: GCPRequest) async -> GCPResponse {
        let now = time.now()
        var response = await answer(request, now: now)
        response.headers.append(("Date", Self.httpDate(now)))
        response.headers.append(("Server", "burnwatch-cloudsim"))
        return response
    }

    // MARK: Routing

    private enum Route {
        case token
        case listEndpoints(project: String, location: String)
        case listTimeSeries(project: String)
        case query(project: String)
        case getQueryResults(project: String, job: String)
        case listBudgets(account: String)

        var operation: GCPOperation {
            switch self {
            case .token: .token
            case .listEndpoints: .listEndpoints
            case .listTimeSeries: .listTimeSeries
            case .query: .query
            case .getQueryResults: .getQueryResults
            case .listBudgets: .listBudgets
            }
        }
    }

    private func route(_ request: GCPRequest) -> Route? {
        guard let segments = request.segments else { return nil }
        switch (request.method, segments.count) {
        case ("POST", 1) where segments == ["token"]:
            return .token
        case ("GET", 6) where segments[0] == "v1" && segments[1] == "projects" && segments[3] == "locations" && segments[5] == "endpoints":
            return .listEndpoints(project: segments[2], location: segments[4])
        case ("GET", 4) where segments[0] == "v3" && segments[1] == "projects" && segments[3] == "timeSeries":
            return .listTimeSeries(project: segments[2])
        case ("POST", 5) where segments[0] == "bigquery" && segments[1] == "v2" && segments[2] == "projects" && segments[4] == "queries":
            return .query(project: segments[3])
        case ("GET", 6) where segments[0] == "bigquery" && segments[1] == "v2" && segments[2] == "projects" && segments[4] == "queries":
            return .getQueryResults(project: segments[3], job: segments[5])
        case ("GET", 4) where segments[0] == "v1" && segments[1] == "billingAccounts" && segments[3] == "budgets":
            return .listBudgets(account: segments[2])
        default:
            return nil
        }
    }

    private func answer(_ request: GCPRequest, now: Date) async -> GCPResponse {
        guard let route = route(request) else {
            return .error(.notFound("The simulated Google Cloud has no method \(request.method) \(request.path)."))
        }
        let operation = route.operation
        counts.withLock { $0[operation, default: 0] += 1 }
        if case .token = route {
            return GCPTokenService(options: options, accounts: serviceAccounts, tokens: tokens).respond(to: request, now: now, tokenURL: tokenURL)
        }

        let grant: GCPAccessTokenStore.Grant
        switch authenticate(request, operation: operation, now: now) {
        case .success(let found): grant = found
        case .failure(let error): return .error(error)
        }

        let minute = model.demoMinute(at: now)
        let fault = options.faults.first { $0.applies(to: operation, minute: minute) }
        switch fault?.behaviour {
        case .quotaExceeded?: return .error(.quotaExceeded(service: operation.serviceName))
        case .unavailable?: return .error(.unavailable())
        case .internalError?: return .error(.internalError())
        default: break
        }
        if options.appliesScenarioFaults, let dataClass = operation.dataClass,
            let scenario = model.scenario.faults.first(where: { $0.applies(to: .gcp, dataClass: dataClass, offset: now.timeIntervalSince(model.start)) })
        {
            switch scenario.behaviour {
            case .fail(let error) where error.isThrottle: return .error(.quotaExceeded(service: operation.serviceName))
            case .fail(let error): return .error(.internalError("simulated failure: \(error.kind)"))
            case .hang(let seconds):
                try? await Task.sleep(for: .seconds(max(0, seconds)))
                return .error(.unavailable())
            case .malformed: return GCPResponse(status: 200, headers: [("Content-Type", "application/json; charset=UTF-8")], body: Array("{\"timeSer".utf8))
            }
        }

        var response: GCPResponse
        do {
            response = try handle(route, request: request, grant: grant, now: now, fault: fault?.behaviour)
        } catch {
            return .error(error)
        }
        switch fault?.behaviour {
        case .truncated(let keep)?: response.body = Array(response.body.prefix(max(0, min(keep, response.body.count - 1))))
        case .garbage?: response.body = Array("<html><body>502 Bad Gateway</body></html>".utf8)
        default: break
        }
        return response
    }

    private func handle(_ route: Route, request: GCPRequest, grant: GCPAccessTokenStore.Grant, now: Date, fault: GCPScriptedFault.Behaviour?)
        throws(GCPServiceError) -> GCPResponse
    {
        switch route {
        case .token:
            return .error(.internalError())
        case .listEndpoints(let project, let location):
            let account = try knownProject(project, operation: .listEndpoints)
            return .json(try vertex.list(project: account, location: location, request: request, now: now))
        case .listTimeSeries(let project):
            let account = try knownProject(project, operation: .listTimeSeries)
            let answer = try monitoring.list(project: account, request: request, now: now)
            seriesReturned.withLock { $0 += answer.seriesReturned }
            return .json(answer.body)
        case .query(let project):
            guard let body = AWSJSONValue.parse(request.body) else {
                throw .bigQuery(400, "INVALID_ARGUMENT", reason: "parseError", "Invalid JSON payload received.")
            }
            var pending: Int?
            if case .slowQuery(let polls)? = fault { pending = polls }
            return .json(try bigQuery.query(project: project, body: body, now: now, pendingPolls: pending))
        case .getQueryResults(let project, let job):
            return .json(try bigQuery.getQueryResults(project: project, jobID: job, request: request))
        case .listBudgets(let account):
            if grant.isUser {
                // User credentials must name a quota project (x-goog-user-project) for this API.
                guard let quotaProject = request.header("x-goog-user-project"), !quotaProject.isEmpty else {
                    throw .permissionDenied(
                        "Your application is authenticating by using local Application Default Credentials. The billingbudgets.googleapis.com API requires a quota project, which is not set by default. To learn how to set your quota project, see https://cloud.google.com/docs/authentication/adc-troubleshooting/user-creds .",
                        reason: "SERVICE_DISABLED", metadata: [("service", "billingbudgets.googleapis.com")]
                    )
                }
                guard view.project(quotaProject) != nil || quotaProject == grant.quotaProject else {
                    throw .permissionDenied(
                        "Caller does not have required permission to use project \(quotaProject). Grant the caller the roles/serviceusage.serviceUsageConsumer role.",
                        reason: "USER_PROJECT_DENIED", metadata: [("consumer", "projects/\(quotaProject)")]
                    )
                }
            }
            return .json(try budgets.list(account: account, request: request))
        }
    }

    private func knownProject(_ idOrNumber: String, operation: GCPOperation) throws(GCPServiceError) -> SimulatedAccount {
        guard let project = view.project(idOrNumber) else {
            throw .permissionDenied(
                "Permission '\(operation.permission)' denied on resource '//\(operation.serviceName)/projects/\(idOrNumber)' (or it may not exist).",
                metadata: [("permission", operation.permission), ("resource", "projects/\(idOrNumber)")]
            )
        }
        return project
    }

    // MARK: Bearer tokens

    private func authenticate(_ request: GCPRequest, operation: GCPOperation, now: Date) -> Result<GCPAccessTokenStore.Grant, GCPServiceError> {
        guard let header = request.header("Authorization"), !header.isEmpty else {
            return .failure(.unauthenticated(reason: "CREDENTIALS_MISSING", service: operation.serviceName, method: operation.rpcName))
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", let grant = tokens.grant(for: String(parts[1])) else {
            return .failure(.unauthenticated(reason: "ACCESS_TOKEN_TYPE_UNSUPPORTED", service: operation.serviceName, method: operation.rpcName))
        }
        guard grant.expires > now else {
            return .failure(.unauthenticated(reason: "ACCESS_TOKEN_EXPIRED", service: operation.serviceName, method: operation.rpcName))
        }
        guard !grant.scopes.isDisjoint(with: operation.acceptedScopes) else {
            return .failure(.scopeInsufficient(service: operation.serviceName, method: operation.rpcName))
        }
        return .success(grant)
    }

    /// RFC 7231 IMF-fixdate, from the simulator's clock.
    static func httpDate(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = SimTime.floorDiv(seconds, 86_400)
        let (year, month, day) = GCPWireTime.civil(fromDays: days)
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][Int(SimTime.mod(days, 7))]
        let monthName = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1]
        let second = SimTime.mod(seconds, 86_400)
        let clock = String(format: "%02d %02d:%02d:%02d", day, Int(second / 3600), Int(second % 3600 / 60), Int(second % 60))
        let (dayText, timeText) = (clock.prefix(2), clock.dropFirst(3))
        return "\(weekday), \(dayText) \(monthName) \(year) \(timeText) GMT"
    }
}
