import BurnwatchCore
import Foundation

/// One endpoint brought to life: its traffic, its autoscaler and its bill, minute by minute.
///
/// Traffic and noise are pure functions of the minute. The autoscaler has state, so the engine
/// steps it forward from a fixed anchor (a day before the model's start) and keeps an hourly
/// checkpoint; any minute is then at most 60 steps from a checkpoint, and the answer for a minute
/// never depends on which minutes were asked for before. Before the anchor, capacity follows load
/// without lag (steady state): cheap, and only month-to-date spend reaches back that far.
final class EndpointEngine: @unchecked Sendable {
    let spec: SimulatedEndpoint
    let behaviour: EngineBehaviour
    let anchorMinute: Int64
    private let entity: UInt64
    private let noise: NoiseSource
    private let offsetMinutes: Int64
    private let surges: [(minutes: Range<Int64>, factor: Double)]
    private let batches: [(minutes: Range<Int64>, rate: Double, tokens: TokenMix?)]
    private let bursts: [(minutes: Range<Int64>, fraction: Double)]
    /// Configurations in force, oldest first; the first one from the beginning of time.
    private let configurations: [(from: Int64, configuration: EndpointConfiguration, rates: CostRates)]

    /// Guards `checkpoints` and `hourCosts`, which are memoised results, never inputs.
    private let lock = NSLock()
    /// State before minute `anchorMinute + 60·k`, at index k.
    private var checkpoints: [ScalerState]
    /// Cost of whole hours at or after the anchor (stepped, so worth keeping).
    private var hourCosts: [Int64: Double] = [:]

    init(spec: SimulatedEndpoint, events: [FleetEvent], prices: SimulatedPriceTable, seed: UInt64, start: Date) {
        self.spec = spec
        behaviour = EngineBehaviour(spec)
        noise = NoiseSource(seed: seed)
        entity = NoiseSource.key("\(spec.id.service.rawValue)|\(spec.id.account)|\(spec.id.region)|\(spec.id.name)")
        let offsetHours = spec.traffic.utcOffsetHours ?? RegionClock.utcOffsetHours(region: spec.id.region)
        offsetMinutes = Int64(offsetHours) * 60
        let startMinute = SimTime.minute(containing: start)
        anchorMinute = SimTime.hour(containing: start) * 60 - 24 * 60

        func absolute(_ minutes: Range<Int>) -> Range<Int64> {
            (startMinute + Int64(minutes.lowerBound))..<(startMinute + Int64(minutes.upperBound))
        }
        var surges: [(Range<Int64>, Double)] = []
        var batches: [(Range<Int64>, Double, TokenMix?)] = []
        var bursts: [(Range<Int64>, Double)] = []
        var reconfigurations: [(Int64, EndpointConfiguration)] = []
        for event in events where event.endpoint == spec.id.name {
            switch event {
            case .trafficSurge(_, let minutes, let factor): surges.append((absolute(minutes), factor))
            case .batchLoad(_, let minutes, let rate, let tokens): batches.append((absolute(minutes), rate, tokens))
            case .errorBurst(_, let minutes, let fraction): bursts.append((absolute(minutes), fraction))
            case .reconfigure(_, let at, let configuration): reconfigurations.append((startMinute + Int64(at), configuration))
            }
        }
        self.surges = surges
        self.batches = batches
        self.bursts = bursts
        let cloud = spec.id.cloud
        var configurations = [(Int64.min, spec.configuration, CostRates(cloud: cloud, configuration: spec.configuration, prices: prices))]
        for (from, configuration) in reconfigurations.sorted(by: { $0.0 < $1.0 }) {
            configurations.append((from, configuration, CostRates(cloud: cloud, configuration: configuration, prices: prices)))
        }
        self.configurations = configurations
        checkpoints = []
        checkpoints = [steadyState(anchorMinute)]
    }

    // MARK: Configuration

    private func slot(at minute: Int64) -> (configuration: EndpointConfiguration, rates: CostRates) {
        var index = 0
        for (candidate, entry) in configurations.enumerated() where entry.from <= minute { index = candidate }
        return (configurations[index].configuration, configurations[index].rates)
    }

    func configuration(at minute: Int64) -> EndpointConfiguration { slot(at: minute).configuration }

    private func bounds(_ configuration: EndpointConfiguration) -> (low: Int, high: Int) {
        let low = max(0, configuration.minReplicas ?? 1)
        let high = max(low, configuration.maxReplicas ?? low, 1)
        return (low, high)
    }

    // MARK: Traffic (pure)

    /// Expected organic invocations per minute: diurnal curve by the region's clock, weekends,
    /// a per-day level, scripted surges.
    func expectedOrganic(_ minute: Int64) -> Double {
        let traffic = spec.traffic
        let local = minute + offsetMinutes
        let day = SimTime.floorDiv(local, 1440)
        let minuteOfDay = local - day * 1440
        let weekday = SimTime.mod(day + 4, 7)  // 1970-01-01 was a Thursday; 0 is Sunday.
        var level = traffic.nightFloor + (1 - traffic.nightFloor) * DiurnalCurve.level(atLocalHour: Double(minuteOfDay) / 60)
        if weekday == 0 || weekday == 6 { level *= traffic.weekendFactor }
        if traffic.dayToDayVariation > 0 {
            level *= 1 + traffic.dayToDayVariation * (2 * noise.unit(entity: entity, tick: day, stream: .day) - 1)
        }
        for surge in surges where surge.minutes.contains(minute) { level *= surge.factor }
        return max(0, traffic.peakInvocationsPerMinute * level)
    }

    private func expectedBatch(_ minute: Int64) -> (rate: Double, tokens: TokenMix?) {
        var rate = 0.0
        var tokens: TokenMix?
        for batch in batches where batch.minutes.contains(minute) {
            rate += batch.rate
            tokens = tokens ?? batch.tokens
        }
        return (rate, tokens)
    }

    private struct Load {
        var organic: Int
        var batch: Int
        var batchTokens: TokenMix?
        var total: Int { organic + batch }
    }

    private func load(_ minute: Int64) -> Load {
        var mean = expectedOrganic(minute)
        if spec.traffic.jitter > 0 {
            mean *= max(0, 1 + spec.traffic.jitter * noise.normal(entity: entity, tick: minute, stream: .jitter))
        }
        let organic = noise.poisson(mean: mean, entity: entity, tick: minute, stream: .organic)
        let batch = expectedBatch(minute)
        let batchCount = noise.poisson(mean: batch.rate, entity: entity, tick: minute, stream: .batch)
        return Load(organic: organic, batch: batchCount, batchTokens: batch.tokens)
    }

    private func burstFraction(_ minute: Int64) -> Double {
        bursts.reduce(0) { $1.minutes.contains(minute) ? $0 + $1.fraction : $0 }
    }

    // MARK: Capacity

    private func desiredReplicas(load: Double, _ configuration: EndpointConfiguration) -> Int {
        let (low, high) = bounds(configuration)
        guard load > 0 else { return low }
        let wanted = max(1, Int((load / (spec.capacityPerReplica * spec.scaling.targetUtilisation)).rounded(.up)))
        return min(high, max(low, wanted))
    }

    /// Peak concurrency within a minute of serverless traffic: the mean (Little's law) plus bursts.
    private func serverlessNeed(invocations: Double, maxConcurrency: Int) -> (mean: Double, need: Int) {
        let mean = invocations * spec.invocationSeconds / 60
        guard invocations > 0 else { return (mean, 0) }
        let peak = Int((mean + 1.5 * mean.squareRoot()).rounded(.up))
        return (mean, min(maxConcurrency, max(1, peak)))
    }

    /// How p99 grows with utilisation: flat when idle, ×1.8 at 70 %, ×5 at 90 %, capped near saturation.
    private static func congestion(_ utilisation: Double) -> Double {
        let u = min(max(0, utilisation), 0.97)
        return 1 + 0.5 * u * u / (1 - u)
    }

    private func provisionDelay(_ minute: Int64) -> Int64 {
        let jitter = spec.scaling.provisionJitterMinutes
        let extra = Int(noise.unit(entity: entity, tick: minute, stream: .provisioning) * Double(jitter + 1))
        return Int64(spec.scaling.provisionMinutes + min(extra, jitter))
    }

    /// The autoscaler's state if load had been steady: capacity that exactly follows expected load.
    func steadyState(_ minute: Int64) -> ScalerState {
        var state = ScalerState()
        let configuration = configuration(at: minute)
        let rate = expectedOrganic(minute) + expectedBatch(minute).rate
        switch behaviour {
        case .replicas:
            if bounds(configuration).low == 0, rate * Double(spec.scaling.idleMinutes) < 1 {
                state.ready = 0
            } else {
                state.ready = max(1, desiredReplicas(load: rate, configuration))
                state.lastActive = minute
            }
        case .warmPool:
            let provisioned = configuration.provisionedConcurrency ?? 0
            let need = serverlessNeed(invocations: rate, maxConcurrency: max(1, configuration.maxConcurrency ?? 20)).need
            state.warm = max(provisioned, need)
            state.lastFull = minute
            state.lastActive = rate > 0 ? minute : nil
        case .onDemandTokens, .provisionedUnits:
            break
        }
        return state
    }

    // MARK: One minute

    /// Advances the autoscaler through `minute` and returns what happened in it.
    private func step(_ state: inout ScalerState, _ minute: Int64) -> EndpointMinute {
        let (configuration, rates) = slot(at: minute)
        let load = load(minute)
        let calls = load.total
        let count = Double(calls)
        let latencyNoise = 1 + 0.05 * noise.normal(entity: entity, tick: minute, stream: .latency)
        let failing = spec.errorFraction + burstFraction(minute)
        var clientMean = count * failing * 0.6
        var serverMean = count * failing * 0.4
        var result = EndpointMinute(
            endpoint: spec.id, kind: spec.kind, start: SimTime.date(minute: minute), invocations: calls,
            clientErrors: 0, serverErrors: 0, p99LatencyMs: nil, replicas: nil, pendingReplicas: nil,
            concurrency: nil, coldStarts: nil, inputTokens: nil, outputTokens: nil, cost: 0
        )

        switch behaviour {
        case .replicas:
            let (low, high) = bounds(configuration)
            var stillPending: [PendingLaunch] = []
            for launch in state.pending {
                if launch.readyAt <= minute { state.ready += launch.count } else { stillPending.append(launch) }
            }
            state.pending = stillPending
            if state.ready > high {
                state.ready = high
                state.pending = []
            } else if state.ready + state.pendingCount > high {
                state.pending = [PendingLaunch(count: high - state.ready, readyAt: state.pending.map(\.readyAt).max() ?? minute)]
            }
            var cold = 0
            if low == 0, state.ready == 0, state.pendingCount == 0, calls > 0 {
                // Scaling from zero: the first request wakes one replica, and waits for it.
                state.pending.append(PendingLaunch(count: 1, readyAt: minute + Int64(spec.scaling.coldProvisionMinutes)))
                cold = 1
            }
            if state.ready + state.pendingCount < low {
                state.pending.append(PendingLaunch(count: low - state.ready - state.pendingCount, readyAt: minute + provisionDelay(minute)))
            }
            if calls > 0 { state.lastActive = minute }

            let period = Int64(spec.scaling.evaluationMinutes)
            if SimTime.mod(minute, period) == 0, state.ready > 0 || low > 0 {
                var sum = calls
                for back in 1..<max(1, Int(period)) { sum += self.load(minute - Int64(back)).total }
                let average = Double(sum) / Double(period)
                var desired = desiredReplicas(load: average, configuration)
                if low == 0 { desired = max(1, desired) }
                let supply = state.ready + state.pendingCount
                if desired > supply {
                    state.pending.append(PendingLaunch(count: desired - supply, readyAt: minute + provisionDelay(minute)))
                    state.belowSince = nil
                } else if desired < state.ready {
                    if let since = state.belowSince {
                        if minute - since >= Int64(spec.scaling.scaleInMinutes) {
                            state.ready = max(desired, low, 1)
                            state.pending = []
                            state.belowSince = nil
                        }
                    } else {
                        state.belowSince = minute
                    }
                } else {
                    state.belowSince = nil
                }
            }
            if low == 0, state.ready > 0, minute - (state.lastActive ?? minute) >= Int64(spec.scaling.idleMinutes) {
                state.ready = 0
                state.pending = []
                state.belowSince = nil
            }

            result.replicas = state.ready
            result.pendingReplicas = state.pendingCount
            if low == 0 || spec.kind == .serverless { result.coldStarts = cold }
            if calls > 0 {
                if state.ready == 0 {
                    // Nobody serves yet: requests wait for the cold replica, and many give up.
                    result.p99LatencyMs = max(spec.coldStartMs, spec.baseLatencyMs)
                    serverMean += count * 0.5
                } else {
                    let utilisation = count / (Double(state.ready) * spec.capacityPerReplica)
                    result.p99LatencyMs = spec.baseLatencyMs * EndpointEngine.congestion(utilisation) * latencyNoise
                    if utilisation > 1 { serverMean += count * (utilisation - 1) / utilisation }
                }
            }
            result.cost = Double(state.ready + state.pendingCount) * rates.perInstanceMinute

        case .warmPool:
            let provisioned = configuration.provisionedConcurrency ?? 0
            let maxConcurrency = max(1, configuration.maxConcurrency ?? 20)
            let (mean, need) = serverlessNeed(invocations: count, maxConcurrency: maxConcurrency)
            let pool = max(state.warm, provisioned)
            let cold = max(0, need - pool)
            if need >= pool { state.lastFull = minute }
            state.warm = max(pool, need)
            if calls > 0 { state.lastActive = minute }
            if let full = state.lastFull, minute - full >= Int64(spec.scaling.idleMinutes) {
                // Containers idle for a while are reclaimed, down to what is in use (or provisioned).
                state.warm = max(provisioned, need)
                state.lastFull = minute
            }
            result.concurrency = need
            result.coldStarts = cold
            if calls > 0 {
                let pressure = min(1, mean / Double(maxConcurrency))
                var p99 = spec.baseLatencyMs * (1 + 0.3 * pressure * pressure) * latencyNoise
                p99 += spec.coldStartMs * min(1, (Double(cold) / count) / 0.01)
                result.p99LatencyMs = p99
                if mean > Double(maxConcurrency) { clientMean += count * (mean - Double(maxConcurrency)) / mean }
            }
            result.cost = count * spec.invocationSeconds * rates.memoryGB * rates.perGBSecond
                + Double(provisioned) * rates.memoryGB * 60 * rates.perProvisionedGBSecond

        case .onDemandTokens, .provisionedUnits:
            if calls > 0 {
                let mix = spec.tokens ?? TokenMix(input: 0, output: 0)
                let inputNoise = max(0.5, 1 + 0.1 * noise.normal(entity: entity, tick: minute, stream: .inputTokens))
                let outputNoise = max(0.5, 1 + 0.1 * noise.normal(entity: entity, tick: minute, stream: .outputTokens))
                var input = Double(load.organic) * Double(mix.input) * inputNoise
                var output = Double(load.organic) * Double(mix.output) * outputNoise
                let batchMix = load.batchTokens ?? mix
                input += Double(load.batch) * Double(batchMix.input)
                output += Double(load.batch) * Double(batchMix.output)
                result.inputTokens = Int(input.rounded())
                result.outputTokens = Int(output.rounded())
                // Long batch prompts take longer per call.
                let batchShare = Double(load.batch) / count
                var p99 = spec.baseLatencyMs * latencyNoise * (1 + 0.5 * batchShare)
                if behaviour == .provisionedUnits {
                    let units = max(1, configuration.provisionedUnits ?? 1)
                    let utilisation = count / (Double(units) * spec.capacityPerReplica)
                    p99 *= EndpointEngine.congestion(utilisation)
                    // Over the provisioned throughput the API answers 429.
                    if utilisation > 1 { clientMean += count * (utilisation - 1) / utilisation }
                }
                result.p99LatencyMs = p99
            }
            if behaviour == .provisionedUnits {
                let units = max(1, configuration.provisionedUnits ?? 1)
                result.replicas = units
                result.cost = Double(units) * rates.perUnitMinute
            } else {
                result.cost = Double(result.inputTokens ?? 0) * rates.perInputToken
                    + Double(result.outputTokens ?? 0) * rates.perOutputToken
            }
        }

        let errorMean = clientMean + serverMean
        if calls > 0, errorMean > 0 {
            let errors = min(calls, noise.poisson(mean: errorMean, entity: entity, tick: minute, stream: .errors))
            let client = Int((Double(errors) * clientMean / errorMean).rounded())
            result.clientErrors = client
            result.serverErrors = errors - client
        }
        return result
    }

    // MARK: Queries

    /// The state before `minute` (≥ the anchor), from the nearest hourly checkpoint.
    private func state(before minute: Int64) -> ScalerState {
        if behaviour.isStateless { return ScalerState() }
        let index = Int((minute - anchorMinute) / 60)
        lock.lock()
        while checkpoints.count <= index {
            var next = checkpoints[checkpoints.count - 1]
            let base = anchorMinute + Int64(checkpoints.count - 1) * 60
            for offset in 0..<Int64(60) { _ = step(&next, base + offset) }
            checkpoints.append(next)
        }
        var state = checkpoints[index]
        lock.unlock()
        var current = anchorMinute + Int64(index) * 60
        while current < minute {
            _ = step(&state, current)
            current += 1
        }
        return state
    }

    /// `count` consecutive minutes from `first` (absolute minute index).
    func minutes(from first: Int64, count: Int) -> [EndpointMinute] {
        var result: [EndpointMinute] = []
        result.reserveCapacity(max(0, count))
        forEachMinute(from: first, count: count) { result.append($0) }
        return result
    }

    /// Calls `body` for `count` consecutive minutes without building an array.
    func forEachMinute(from first: Int64, count: Int, _ body: (EndpointMinute) -> Void) {
        var minute = first
        let end = first + Int64(max(0, count))
        while minute < end, minute < anchorMinute {
            var state = steadyState(minute)
            body(step(&state, minute))
            minute += 1
        }
        guard minute < end else { return }
        var state = state(before: minute)
        // A linear pass leaves behind what it learns on the way: the checkpoint at each hour
        // boundary and the cost of each whole hour, so a day of history makes later rounds cheap.
        var hourCost = 0.0
        var hourStarted = false
        while minute < end {
            if (minute - anchorMinute) % 60 == 0 {
                keepCheckpoint(state, at: minute)
                hourCost = 0
                hourStarted = true
            }
            let result = step(&state, minute)
            hourCost += result.cost
            body(result)
            minute += 1
            if hourStarted, (minute - anchorMinute) % 60 == 0 { keepHourCost(hourCost, hour: SimTime.floorDiv(minute - 1, 60)) }
        }
    }

    private func keepCheckpoint(_ state: ScalerState, at minute: Int64) {
        guard !behaviour.isStateless else { return }
        let index = Int((minute - anchorMinute) / 60)
        lock.lock()
        if index == checkpoints.count { checkpoints.append(state) }
        lock.unlock()
    }

    private func keepHourCost(_ cost: Double, hour: Int64) {
        lock.lock()
        if hourCosts[hour] == nil { hourCosts[hour] = cost }
        lock.unlock()
    }

    // MARK: Spend

    /// The cost of an hour before the anchor, from expected load (no minute noise, no lag).
    private func closedFormHourCost(_ hour: Int64) -> Double {
        let minute = hour * 60 + 30
        let (configuration, rates) = slot(at: minute)
        let organic = expectedOrganic(minute)
        let batch = expectedBatch(minute)
        let rate = organic + batch.rate
        switch behaviour {
        case .replicas:
            var replicas = Double(desiredReplicas(load: rate, configuration))
            if bounds(configuration).low == 0 {
                // Up whenever a call arrived within the idle period.
                replicas = rate > 0
                    ? max(1, replicas) * (1 - PortableMath.exp(-rate * Double(spec.scaling.idleMinutes))) : 0
            }
            return replicas * rates.perInstanceMinute * 60
        case .warmPool:
            let provisioned = Double(configuration.provisionedConcurrency ?? 0)
            return rate * 60 * spec.invocationSeconds * rates.memoryGB * rates.perGBSecond
                + provisioned * rates.memoryGB * 3600 * rates.perProvisionedGBSecond
        case .onDemandTokens:
            let mix = spec.tokens ?? TokenMix(input: 0, output: 0)
            let batchMix = batch.tokens ?? mix
            let input = organic * Double(mix.input) + batch.rate * Double(batchMix.input)
            let output = organic * Double(mix.output) + batch.rate * Double(batchMix.output)
            return 60 * (input * rates.perInputToken + output * rates.perOutputToken)
        case .provisionedUnits:
            return Double(max(1, configuration.provisionedUnits ?? 1)) * rates.perUnitMinute * 60
        }
    }

    /// The cost of one whole hour (absolute hour index).
    func hourCost(_ hour: Int64) -> Double {
        if hour * 60 < anchorMinute { return closedFormHourCost(hour) }
        lock.lock()
        let known = hourCosts[hour]
        lock.unlock()
        if let known { return known }
        var total = 0.0
        forEachMinute(from: hour * 60, count: 60) { total += $0.cost }
        keepHourCost(total, hour: hour)
        return total
    }

    /// Spend between two instants (seconds since 1970), whole hours from the memo, edges by the minute.
    func spend(from start: Double, to end: Double) -> Double {
        guard end > start else { return 0 }
        var total = 0.0
        var time = start
        while time < end {
            let hour = Int64((time / 3600).rounded(.down))
            let hourStart = Double(hour) * 3600
            let hourEnd = hourStart + 3600
            if time == hourStart, hourEnd <= end {
                total += hourCost(hour)
                time = hourEnd
                continue
            }
            let segmentEnd = min(end, hourEnd)
            if hour * 60 < anchorMinute {
                total += closedFormHourCost(hour) * (segmentEnd - time) / 3600
            } else {
                let firstMinute = Int64((time / 60).rounded(.down))
                let lastMinute = Int64((segmentEnd / 60).rounded(.up))
                forEachMinute(from: firstMinute, count: Int(lastMinute - firstMinute)) { minute in
                    let minuteStart = minute.start.timeIntervalSince1970
                    let overlap = min(minuteStart + 60, segmentEnd) - max(minuteStart, time)
                    if overlap > 0 { total += minute.cost * overlap / 60 }
                }
            }
            time = segmentEnd
        }
        return total
    }
}
