import BurnwatchCore
import BurnwatchTOML
import Foundation

/// Reads a config document into `BurnwatchConfig`, collecting every problem rather than stopping
/// at the first. Keys that are wrong keep their default, so later checks still run.
///
/// No message quotes a URL (it may carry credentials) or a secret; short values such as durations
/// and amounts are quoted, cleaned of control characters.
struct ConfigParser {
    private(set) var errors: [TOMLError] = []

    mutating func read(_ root: TOMLTable) -> BurnwatchConfig {
        var config = BurnwatchConfig()
        errors += root.unknownKeys(allowed: BurnwatchConfig.topLevelKeys)

        if let value = root["refresh"], let seconds = duration(value, minimum: BurnwatchConfig.minimumRefresh,
                                                                  why: "the clouds publish metrics once a minute") {
            config.refresh = seconds
        }
        if let value = root["inventory_every"], let seconds = duration(value, minimum: BurnwatchConfig.minimumInventoryEvery,
                                                                          why: "endpoints change slowly and every listing is an API call") {
            config.inventoryEvery = seconds
        }
        if let value = root["cost_every"], let seconds = duration(value, minimum: BurnwatchConfig.minimumCostEvery,
                                                                     why: "billing data lags by hours and cost APIs bill or throttle per request") {
            config.costEvery = seconds
        }
        if let value = root["alarm_ratio"], let ratio = alarmRatio(value) {
            config.alarmRatio = ratio
        }
        if let value = root["theme"], let name = text(value) {
            if ThemeCatalog.isValidThemeName(name) {
                config.theme = name
            } else {
                errors.append(.invalidValue(
                    "\(quoted(name)) is not a theme name (letters, digits, '-', '_' and '.'; the name of a file in a themes directory, without .toml)",
                    value: value
                ))
            }
        }
        if let tables = attempt({ () throws(TOMLError) in try root.tableArray("aws") }) ?? nil {
            config.aws = tables.map { readAWS($0) }
        }
        if let tables = attempt({ () throws(TOMLError) in try root.tableArray("gcp") }) ?? nil {
            config.gcp = tables.map { readGCP($0) }
        }
        if let tables = attempt({ () throws(TOMLError) in try root.tableArray("azure") }) ?? nil {
            config.azure = tables.map { readAzure($0) }
        }
        if let table = attempt({ () throws(TOMLError) in try root.table("forecast") }) ?? nil {
            config.forecasts = readForecasts(table)
        }
        if let table = attempt({ () throws(TOMLError) in try root.table("prices") }) ?? nil {
            config.prices = readPrices(table)
        }
        return config
    }

    // MARK: - Clouds

    private mutating func readAWS(_ table: TOMLTable) -> BurnwatchConfig.AWSAccount {
        errors += table.unknownKeys(allowed: BurnwatchConfig.AWSAccount.keys)
        return BurnwatchConfig.AWSAccount(
            profile: table["profile"].flatMap { text($0) },
            regions: table["regions"].flatMap { names($0, what: "a region such as \"us-east-1\"") },
            costTag: table["cost_tag"].flatMap { text($0) },
            endpointURL: table["endpoint_url"].flatMap { url($0, placeholders: []) }
        )
    }

    private mutating func readGCP(_ table: TOMLTable) -> BurnwatchConfig.GCPProject {
        errors += table.unknownKeys(allowed: BurnwatchConfig.GCPProject.keys)
        var project = BurnwatchConfig.GCPProject(
            project: table["project"].flatMap { text($0) },
            locations: table["locations"].flatMap { names($0, what: "a location such as \"us-central1\"") },
            billingExport: table["billing_export"].flatMap { billingExport($0) },
            billingAccount: table["billing_account"].flatMap { billingAccount($0) },
            costLabel: table["cost_label"].flatMap { text($0) }
        )
        if let endpoints = attempt({ () throws(TOMLError) in try table.table("endpoints") }) ?? nil {
            errors += endpoints.unknownKeys(allowed: BurnwatchConfig.GCPProject.Endpoints.keys)
            project.endpoints = BurnwatchConfig.GCPProject.Endpoints(
                aiplatform: endpoints["aiplatform"].flatMap { url($0, placeholders: ["location"]) },
                monitoring: endpoints["monitoring"].flatMap { url($0, placeholders: []) },
                bigquery: endpoints["bigquery"].flatMap { url($0, placeholders: []) },
                billingBudgets: endpoints["billingbudgets"].flatMap { url($0, placeholders: []) },
                token: endpoints["token"].flatMap { url($0, placeholders: []) }
            )
        }
        return project
    }

    private mutating func readAzure(_ table: TOMLTable) -> BurnwatchConfig.AzureSubscription {
        errors += table.unknownKeys(allowed: BurnwatchConfig.AzureSubscription.keys)
        var subscription = BurnwatchConfig.AzureSubscription(
            subscription: table["subscription"].flatMap { guid($0, what: "a subscription id") },
            workspaces: table["workspaces"].flatMap { workspaces($0) },
            tenant: table["tenant"].flatMap { text($0) },
            clientID: table["client_id"].flatMap { guid($0, what: "an application (client) id") },
            clientSecret: table["client_secret"].flatMap { secret($0) }
        )
        if subscription.clientSecret != nil, let entry = table.entry("client_secret") {
            let missing = [("client_id", subscription.clientID), ("tenant", subscription.tenant)]
                .filter { $0.1 == nil && table[$0.0] == nil }.map(\.0)
            if !missing.isEmpty {
                errors.append(.invalidKey(
                    "a client secret needs \(missing.joined(separator: " and ")) in the same [[azure]] table",
                    entry: entry
                ))
            }
        }
        if let endpoints = attempt({ () throws(TOMLError) in try table.table("endpoints") }) ?? nil {
            errors += endpoints.unknownKeys(allowed: BurnwatchConfig.AzureSubscription.Endpoints.keys)
            subscription.endpoints = BurnwatchConfig.AzureSubscription.Endpoints(
                arm: endpoints["arm"].flatMap { url($0, placeholders: []) },
                metrics: endpoints["metrics"].flatMap { url($0, placeholders: ["region"]) },
                authority: endpoints["authority"].flatMap { url($0, placeholders: []) }
            )
        }
        return subscription
    }

    // MARK: - Forecasts and prices

    private mutating func readForecasts(_ table: TOMLTable) -> [BurnwatchConfig.ForecastTarget: Money] {
        var forecasts: [BurnwatchConfig.ForecastTarget: Money] = [:]
        for entry in table.entries {
            guard let target = BurnwatchConfig.ForecastTarget(key: entry.key) else {
                errors.append(.invalidKey(keyShapeProblem(entry.key, shape: "\"cloud/account\" or \"cloud/account/endpoint\""), entry: entry))
                continue
            }
            guard let text = typed(entry.value, expected: "a string such as \"1200.00 USD\"") else { continue }
            guard let money = Money(parsing: text) else {
                errors.append(.invalidValue("\(quoted(text)) is not an amount of money (write it like \"1200.00 USD\")", value: entry.value))
                continue
            }
            guard money.amount >= 0 else {
                errors.append(.invalidValue("a forecast cannot be negative", value: entry.value))
                continue
            }
            forecasts[target] = money
        }
        return forecasts
    }

    private mutating func readPrices(_ table: TOMLTable) -> [PriceEntry] {
        var prices: [PriceEntry] = []
        let units = PriceEntry.Unit.allCases.map { "\"/\($0.rawValue)\"" }.joined(separator: ", ")
        for entry in table.entries {
            let parts = entry.key.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, let cloud = Cloud(rawValue: parts[0]), !parts[1].isEmpty else {
                errors.append(.invalidKey(keyShapeProblem(entry.key, shape: "\"cloud/sku\" such as \"aws/ml.g5.2xlarge\""), entry: entry))
                continue
            }
            guard let text = typed(entry.value, expected: "a string such as \"1.515 USD/h\"") else { continue }
            guard let (price, unit) = PriceEntry.parsePrice(text) else {
                errors.append(.invalidValue(
                    "\(quoted(text)) is not a price (write an amount, a currency and a unit: \"1.515 USD/h\"; units: \(units))",
                    value: entry.value
                ))
                continue
            }
            guard price.amount >= 0 else {
                errors.append(.invalidValue("a price cannot be negative", value: entry.value))
                continue
            }
            prices.append(PriceEntry(cloud: cloud, sku: parts[1], price: price, unit: unit))
        }
        return prices
    }

    private func keyShapeProblem(_ key: String, shape: String) -> String {
        let cloud = key.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        if !cloud.isEmpty, key.contains("/"), Cloud(rawValue: cloud) == nil {
            let clouds = Cloud.allCases.map(\.rawValue).joined(separator: ", ")
            return "\(quoted(cloud)) is not a cloud (\(clouds))"
        }
        return "expected a key of the form \(shape)"
    }

    // MARK: - Values

    /// Runs one typed access, recording its error.
    private mutating func attempt<T>(_ body: () throws(TOMLError) -> T) -> T? {
        do {
            return try body()
        } catch {
            errors.append(error)
            return nil
        }
    }

    /// A string, with a type hint of our own in the mismatch message.
    private mutating func typed(_ value: TOMLValue, expected: String) -> String? {
        guard case .string(let text) = value.content else {
            errors.append(.typeMismatch(expected: expected, found: value))
            return nil
        }
        return text
    }

    /// A non-empty string without control characters.
    private mutating func text(_ value: TOMLValue) -> String? {
        guard let text = attempt({ () throws(TOMLError) in try value.string() }) else { return nil }
        if text.isEmpty {
            errors.append(.invalidValue("must not be empty (leave the key out instead)", value: value))
            return nil
        }
        if text != Sanitizer.clean(text) {
            errors.append(.invalidValue("must not contain control characters", value: value))
            return nil
        }
        return text
    }

    /// A non-empty array of names without spaces (regions, locations).
    private mutating func names(_ value: TOMLValue, what: String) -> [String]? {
        guard let elements = attempt({ () throws(TOMLError) in try value.array() }) else { return nil }
        if elements.isEmpty {
            errors.append(.invalidValue("must not be empty (leave the key out to use the default)", value: value))
            return nil
        }
        var names: [String] = []
        for element in elements {
            guard let name = text(element) else { continue }
            if name.contains(where: \.isWhitespace) {
                errors.append(.invalidValue("\(quoted(name)) is not \(what)", value: element))
                continue
            }
            names.append(name)
        }
        return names.count == elements.count ? names : nil
    }

    private mutating func workspaces(_ value: TOMLValue) -> [String]? {
        guard let elements = attempt({ () throws(TOMLError) in try value.array() }) else { return nil }
        if elements.isEmpty {
            errors.append(.invalidValue("must not be empty (leave the key out to watch every workspace)", value: value))
            return nil
        }
        var result: [String] = []
        for element in elements {
            guard let name = text(element) else { continue }
            let parts = name.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && !$0.contains(where: \.isWhitespace) }) else {
                errors.append(.invalidValue("\(quoted(name)) is not \"resource-group/workspace\"", value: element))
                continue
            }
            result.append(name)
        }
        return result.count == elements.count ? result : nil
    }

    private mutating func duration(_ value: TOMLValue, minimum: TimeInterval, why: String) -> TimeInterval? {
        let seconds: TimeInterval
        switch value.content {
        case .integer(let number):
            guard number >= 0, number <= 999_999_999 else {
                errors.append(.invalidValue("\(number) is not a number of seconds", value: value))
                return nil
            }
            seconds = TimeInterval(number)
        case .string(let text):
            guard let parsed = ConfigDuration.seconds(parsing: text) else {
                errors.append(.invalidValue(
                    "\(quoted(text)) is not a duration (write \"60s\", \"5m\", \"4h\" or \"1h30m\")", value: value
                ))
                return nil
            }
            seconds = parsed
        default:
            errors.append(.typeMismatch(expected: "a duration such as \"60s\" or \"5m\"", found: value))
            return nil
        }
        guard seconds >= minimum else {
            errors.append(.invalidValue(
                "\(ConfigDuration.format(seconds)) is too short: at least \(ConfigDuration.format(minimum)), because \(why)",
                value: value
            ))
            return nil
        }
        return seconds
    }

    private mutating func alarmRatio(_ value: TOMLValue) -> Decimal? {
        guard let ratio = attempt({ () throws(TOMLError) in try value.decimal() }) else { return nil }
        let range = BurnwatchConfig.alarmRatioRange
        guard range.contains(ratio) else {
            errors.append(.invalidValue(
                "\(ratio) is out of range (\(range.lowerBound) to \(range.upperBound): a ratio of expected spend, 1.5 means 150 %)",
                value: value
            ))
            return nil
        }
        return ratio
    }

    /// An http(s) URL, optionally with `{placeholder}`s from `placeholders`. Never quoted in messages.
    private mutating func url(_ value: TOMLValue, placeholders: Set<String>) -> String? {
        guard let text = text(value) else { return nil }
        var probe = text
        var used: [String] = []
        var searchStart = probe.startIndex
        while let open = probe[searchStart...].firstIndex(of: "{") {
            guard let close = probe[open...].firstIndex(of: "}") else { break }
            let name = String(probe[probe.index(after: open)..<close])
            used.append(name)
            probe.replaceSubrange(open...close, with: "placeholder")
            searchStart = probe.startIndex
        }
        if let unknown = used.first(where: { !placeholders.contains($0) }) {
            let allowed = placeholders.isEmpty ? "this URL takes none" : "allowed: " + placeholders.sorted().map { "{\($0)}" }.joined(separator: ", ")
            errors.append(.invalidValue("\(quoted("{" + unknown + "}")) is not a placeholder here (\(allowed))", value: value))
            return nil
        }
        guard let components = URLComponents(string: probe),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else {
            errors.append(.invalidValue("expected an http:// or https:// URL", value: value))
            return nil
        }
        if components.user != nil || components.password != nil {
            errors.append(.invalidValue("a URL must not carry a user name or password", value: value))
            return nil
        }
        return text
    }

    /// `8-4-4-4-12` hexadecimal digits.
    private mutating func guid(_ value: TOMLValue, what: String) -> String? {
        guard let text = text(value) else { return nil }
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        let isGUID = groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) && $0.allSatisfy(\.isASCII) }
        guard isGUID else {
            errors.append(.invalidValue(
                "\(quoted(text)) is not \(what) (a GUID such as \"00000000-0000-0000-0000-000000000000\")", value: value
            ))
            return nil
        }
        return text
    }

    private mutating func billingExport(_ value: TOMLValue) -> String? {
        guard let text = text(value) else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && !$0.contains(where: \.isWhitespace) }) else {
            errors.append(.invalidValue("\(quoted(text)) is not a BigQuery table (write \"project.dataset.table\")", value: value))
            return nil
        }
        return text
    }

    private mutating func billingAccount(_ value: TOMLValue) -> String? {
        guard let text = text(value) else { return nil }
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        let isAccount = groups.map(\.count) == [6, 6, 6]
            && groups.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isNumber || $0.isUppercase) } }
        guard isAccount else {
            errors.append(.invalidValue("\(quoted(text)) is not a billing account id (such as \"012345-6789AB-CDEF01\")", value: value))
            return nil
        }
        return text
    }

    /// The client secret: a string, or nothing when empty. Messages about it never include it.
    private mutating func secret(_ value: TOMLValue) -> ConfigSecret? {
        guard case .string(let text) = value.content else {
            errors.append(.typeMismatch(expected: "a string", found: value))
            return nil
        }
        if text.isEmpty { return nil }
        if text != Sanitizer.clean(text) {
            errors.append(.invalidValue("must not contain control characters", value: value))
            return nil
        }
        return ConfigSecret(text)
    }

    /// A short value from the file, quoted for a message: cleaned of control characters and kept short.
    private func quoted(_ text: String) -> String {
        let clean = Sanitizer.clean(text)
        return "\"" + (clean.count > 40 ? clean.prefix(39) + "…" : clean) + "\""
    }
}
