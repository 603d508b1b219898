import ArgumentParser
import BurnwatchApp
import BurnwatchCollect
import BurnwatchCore
import BurnwatchReport
import BurnwatchTerminal
import CloudSim
import CollectAWS
import Foundation
import Logging

/// The composition root: parse arguments, read files, build collectors, run a mode.
@main
struct Burnwatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "burnwatch",
        abstract: "A terminal dashboard of GPU inference endpoints across AWS, GCP and Azure: latency, traffic, replicas and budget burn.",
        subcommands: [Watch.self, Demo.self, Report.self],
        defaultSubcommand: Watch.self
    )
}

/// Options every dashboard mode shares.
struct DisplayOptions: ParsableArguments {
    @Option(name: .long, help: "Path to the config file (default: $XDG_CONFIG_HOME/burnwatch/config.toml).")
    var config: String?

    @Option(name: .long, help: "Theme name: default, light, high-contrast, solarized-dark, mono, or one of your own.")
    var theme: String?

    @Option(name: .customLong("themes-dir"), help: "An extra directory of theme files, searched first.")
    var themesDir: String?

    @Option(name: .long, help: "Colour: auto (from the terminal; NO_COLOR turns it off), always, or never.")
    var color: ColorMode = .auto

    @Flag(name: .long, help: "ASCII glyphs only (automatic when the locale is not UTF-8).")
    var ascii = false

    @Flag(name: .long, help: "Write debug detail to the log file ($XDG_STATE_HOME/burnwatch/burnwatch.log).")
    var debug = false
}

/// Narrowing the accounts to watch from the command line, as the cloud CLIs do.
struct AccountOptions: ParsableArguments {
    @Option(name: .long, help: "AWS profile to watch (instead of every [[aws]] table; also AWS_PROFILE without a config).")
    var profile: String?

    @Option(name: .long, help: "AWS region to watch; repeat for several (overrides the config's regions).")
    var region: [String] = []

    /// The config's AWS accounts after `--profile` and `--region`.
    func awsAccounts(_ accounts: [BurnwatchConfig.AWSAccount]) -> [BurnwatchConfig.AWSAccount] {
        var chosen = accounts
        if let profile {
            let matching = accounts.filter { $0.profile == profile }
            chosen = matching.isEmpty ? [BurnwatchConfig.AWSAccount(profile: profile)] : matching
        }
        if !region.isEmpty {
            chosen = (chosen.isEmpty ? [BurnwatchConfig.AWSAccount()] : chosen).map {
                var account = $0
                account.regions = region
                return account
            }
        }
        return chosen
    }

    var narrows: Bool { profile != nil || !region.isEmpty }
}

extension ColorMode: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}

/// What the modes need from the environment, loaded once.
struct Startup {
    let environment = ProcessInfo.processInfo.environment
    let loaded: ConfigLoader.Loaded
    let themes: ThemeCatalog

    init(display: DisplayOptions) throws {
        try self.init(configPath: display.config, themesDirectory: display.themesDir, debug: display.debug)
    }

    init(configPath: String?, themesDirectory: String?, debug: Bool) throws {
        let logFile = ConfigPaths.logFile(environment: environment, homeDirectory: ConfigPaths.homeDirectory(environment: environment))
        LoggingSystem.bootstrap(FileLogHandler.factory(url: URL(fileURLWithPath: logFile), level: debug ? .debug : .info))
        do {
            loaded = try ConfigLoader(environment: environment).load(explicitPath: configPath)
        } catch {
            FileHandle.standardError.write(Data("burnwatch: the config file has problems:\n\(error)\n".utf8))
            throw ExitCode(1)
        }
        for warning in loaded.warnings {
            FileHandle.standardError.write(Data("burnwatch: \(warning)\n".utf8))
        }
        themes = ThemeCatalog(themesDirectory: themesDirectory, environment: environment)
    }

    func themeName(_ display: DisplayOptions) -> String {
        display.theme ?? loaded.config?.theme ?? "default"
    }

    func themeNames(current: String) -> [String] {
        var names = themes.availableThemeNames()
        if !names.contains(current) { names.append(current) }
        return names
    }

    var homeDirectory: String { ConfigPaths.homeDirectory(environment: environment) }

    /// The real collectors for the config (or, without one, for the credentials the environment
    /// names), after the command line's narrowing. Empty when there is nothing to watch.
    func liveCollectors(accounts options: AccountOptions, clock: any TimeSource) -> [any Collector] {
        let config = loaded.config
        let cadences = config?.cadences ?? .default
        let factory = AWSCollectorFactory(environment: environment, homeDirectory: homeDirectory, clock: clock, cadences: cadences)
        let probe = CredentialProbe(environment: environment)
        var accounts = factory.accounts(config: config, probe: probe)
        if options.narrows { accounts = options.awsAccounts(accounts) }
        let prices = AWSCollectorFactory.prices(config?.prices ?? [])
        let aws = accounts.map { factory.collector(for: $0, prices: prices) }
        // `--profile` / `--region` name AWS accounts: the other clouds stay out of such a run.
        guard !options.narrows else { return aws }
        let gcp = GCPCollectorFactory(environment: environment, homeDirectory: homeDirectory, clock: clock, cadences: cadences)
            .collectors(config: config, probe: probe)
        return aws + gcp
    }

    /// Proxies and the CA bundle from the environment; a bad setting ends the run with its reason.
    func transportConfiguration() throws -> AsyncHTTPClientTransport.Configuration {
        do {
            return try .fromEnvironment(environment)
        } catch {
            FileHandle.standardError.write(Data("burnwatch: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// The shared cost cache, or nil (with a warning) when its directory cannot be made.
    func costCache() -> DiskCache? {
        do {
            return DiskCache(directory: try DiskCache.defaultDirectory(environment: environment))
        } catch {
            FileHandle.standardError.write(Data("burnwatch: cost cache unavailable (\(error)); cost is fetched on every round\n".utf8))
            return nil
        }
    }

    func dashboard(_ display: DisplayOptions, cadences: Cadences? = nil) -> Dashboard {
        let name = themeName(display)
        return Dashboard(
            settings: SettingsBuilder.settings(config: loaded.config, cadences: cadences, themeNames: themeNames(current: name)),
            themes: themes,
            themeName: name,
            terminal: TerminalOptions(colorMode: display.color, forceASCII: display.ascii),
            notices: loaded.warnings.map(\.description)
        )
    }
}

/// Runs a dashboard and turns terminal problems into plain messages and exit codes.
func runDashboard(
    _ dashboard: Dashboard, collectors: [any Collector], transport: any Transport, time: any TimeSource, cache: DiskCache?,
    policy: SchedulerPolicy = SchedulerPolicy()
) async throws {
    let status: Int32
    do {
        status = try await dashboard.run(collectors: collectors, transport: transport, time: time, cache: cache, policy: policy)
    } catch let error as TerminalError {
        FileHandle.standardError.write(Data("burnwatch: \(error)\nFor one-shot output without a terminal, use `burnwatch report`.\n".utf8))
        throw ExitCode(1)
    }
    if status != 0 { throw ExitCode(status) }
}

struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "The live dashboard of the accounts in your config (the default command)."
    )

    @OptionGroup var display: DisplayOptions
    @OptionGroup var accounts: AccountOptions

    func run() async throws {
        let startup = try Startup(display: display)
        let probe = CredentialProbe(environment: startup.environment)
        guard startup.loaded.config != nil || probe.anyFound || accounts.narrows else {
            print(StartupAdvice.noConfigNoCredentials(configPath: startup.loaded.path, probe: probe), terminator: "")
            throw ExitCode(1)
        }
        let clock = SystemTimeSource()
        let collectors = startup.liveCollectors(accounts: accounts, clock: clock)
        guard !collectors.isEmpty else {
            print(StartupAdvice.nothingCollectable(configPath: startup.loaded.config != nil ? startup.loaded.path : nil, probe: probe), terminator: "")
            throw ExitCode(1)
        }
        let transportConfiguration = try startup.transportConfiguration()
        try await AsyncHTTPClientTransport.withTransport(configuration: transportConfiguration) { transport in
            try await runDashboard(startup.dashboard(display), collectors: collectors, transport: transport, time: clock, cache: startup.costCache())
        }
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The live dashboard over a built-in simulated fleet of the three clouds: no account, no network."
    )

    @OptionGroup var display: DisplayOptions

    @Option(name: .long, help: "How many simulated seconds pass per real second (1 = real time; 30 shows an afternoon in minutes).")
    var speed: Double = 1

    @Option(name: .long, help: "Seed of the simulated fleet; the same seed gives the same fleet.")
    var seed: UInt64 = FleetModel.defaultSeed

    func validate() throws {
        guard speed > 0, speed <= 3600 else { throw ValidationError("--speed must be above 0 and at most 3600") }
    }

    func run() async throws {
        let startup = try Startup(display: display)
        let start = Date()
        let fleet = DemoFleet(seed: seed, start: start)
        let time = try ScaledTimeSource(speed: speed, start: start)
        // Timeouts are in simulated seconds: keep them ten real seconds long whatever the speed.
        var policy = SchedulerPolicy()
        policy.retry.attemptTimeout = 10 * speed
        let dashboard = startup.dashboard(display, cadences: DemoFleet.cadences)
        try await fleet.withCollectors(clock: time) { collectors, transport in
            try await runDashboard(dashboard, collectors: collectors, transport: transport, time: time, cache: nil, policy: policy)
        }
    }
}

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The dashboard's numbers once, for a stand-up or a cron job.",
        discussion: "Exit status: 0 when no alarm line is crossed, 2 when one is, 1 on error."
    )

    @Option(name: .long, help: "table, markdown, csv or json (schema burnwatch.report/v1).")
    var format: ReportFormat = .table

    @Flag(name: .long, help: "Report on the simulated fleet after a simulated hour, instead of your accounts.")
    var demo = false

    @Option(name: .long, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    @Option(name: .long, help: "Path to the config file.")
    var config: String?

    @OptionGroup var accounts: AccountOptions

    @Option(name: .long, help: "Colour for the table format: auto (a terminal without NO_COLOR), always, never.")
    var color: ColorMode = .auto

    func run() async throws {
        let startup = try Startup(configPath: config, themesDirectory: nil, debug: false)
        let colour: Bool
        switch color {
        case .always: colour = true
        case .never: colour = false
        case .auto:
            colour = output == nil && isatty(STDOUT_FILENO) == 1 && (startup.environment["NO_COLOR"] ?? "").isEmpty
        }
        let runner = ReportRunner(
            settings: SettingsBuilder.settings(
                config: startup.loaded.config, cadences: demo ? DemoFleet.cadences : nil, themeNames: ["default"]),
            format: format, colour: colour)
        let state: AppState
        if demo {
            // The simulated fleet started an hour ago: the report sees the state after a simulated hour.
            let fleet = DemoFleet(start: Date().addingTimeInterval(-3600))
            let clock = SystemTimeSource()
            state = try await fleet.withCollectors(clock: clock) { collectors, transport in
                await runner.collect(collectors: collectors, transport: transport, time: clock, cache: nil)
            }
        } else {
            let probe = CredentialProbe(environment: startup.environment)
            let clock = SystemTimeSource()
            let collectors = startup.liveCollectors(accounts: accounts, clock: clock)
            guard !collectors.isEmpty else {
                let advice = startup.loaded.config == nil && !probe.anyFound
                    ? StartupAdvice.noConfigNoCredentials(configPath: startup.loaded.path, probe: probe)
                    : StartupAdvice.nothingCollectable(configPath: startup.loaded.config != nil ? startup.loaded.path : nil, probe: probe)
                FileHandle.standardError.write(Data((advice + "For a report on the simulated fleet: burnwatch report --demo\n").utf8))
                throw ExitCode(1)
            }
            let transportConfiguration = try startup.transportConfiguration()
            let cache = startup.costCache()
            state = try await AsyncHTTPClientTransport.withTransport(configuration: transportConfiguration) { transport in
                await runner.collect(collectors: collectors, transport: transport, time: clock, cache: cache)
            }
        }
        let (text, status) = runner.render(state)
        if let output {
            do {
                try ReportRunner.writeAtomically(text, to: output)
            } catch {
                FileHandle.standardError.write(Data("burnwatch: \(error.localizedDescription)\n".utf8))
                throw ExitCode(1)
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if status != 0 { throw ExitCode(status) }
    }
}
