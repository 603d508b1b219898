import BurnwatchCore
import Foundation

/// Turns a loaded config (or none) into the reducer's settings.
public enum SettingsBuilder {
    public static func settings(config: BurnwatchConfig?, cadences: Cadences? = nil, themeNames: [String]) -> Settings {
        var forecasts: [String: Money] = [:]
        for (target, money) in config?.forecasts ?? [:] { forecasts[target.key] = money }
        return Settings(
            alarmRatio: config?.alarmRatio ?? BurnwatchConfig.defaultAlarmRatio,
            cadences: cadences ?? config?.cadences ?? .default,
            forecasts: forecasts,
            themeNames: themeNames
        )
    }
}
