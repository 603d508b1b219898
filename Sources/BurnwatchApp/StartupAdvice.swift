import Foundation

/// What `burnwatch` says when it has nothing to watch: where it looked, and what to try.
public enum StartupAdvice {
    public static func noConfigNoCredentials(configPath: String, probe: CredentialProbe) -> String {
        var text = "burnwatch has nothing to watch yet.\n\n"
        text += "It looked for a config file at:\n  \(configPath)  (not found)\n\n"
        text += "and for cloud credentials in the standard places:\n"
        for finding in probe.findings() {
            text += "  \(finding.found ? "found  " : "missing") \(finding.cloud.padding(toLength: 6, withPad: " ", startingAt: 0)) \(finding.source)\n"
        }
        text += "\nTo see the dashboard on a simulated fleet (no account, no network):\n  burnwatch demo\n"
        text += "\nTo watch real accounts, write a config (see README.md, \"Configuration\") or set up the credentials above.\n"
        return text
    }

    /// Credentials or a config exist, but nothing in them is an account this build can poll
    /// (GCP and Azure collectors are not in this build yet).
    public static func nothingCollectable(configPath: String?, probe: CredentialProbe) -> String {
        var text = "burnwatch found something to watch"
        if let configPath { text += " (config: \(configPath))" }
        text += ", but no AWS account or GCP project in it: this build polls AWS and GCP; the Azure collector is still to come.\n"
        let found = probe.findings().filter(\.found)
        if !found.isEmpty {
            text += "Credentials seen: " + found.map { "\($0.cloud) \($0.source)" }.joined(separator: ", ") + ".\n"
        }
        text += "Add an [[aws]] or [[gcp]] table to the config (see README.md, \"AWS\" and \"GCP\"), or try `burnwatch demo` for the simulated fleet.\n"
        return text
    }
}
