/// The local clock of a cloud region, for diurnal traffic: people wake up by region, not by UTC.
///
/// Standard-time offsets only; daylight saving is ignored on purpose (an hour's shift in a traffic
/// curve changes nothing a dashboard shows, and it keeps the model free of calendars).
public enum RegionClock {
    private static let offsets: [String: Int] = [
        // AWS
        "us-east-1": -5, "us-east-2": -5, "us-west-1": -8, "us-west-2": -8, "ca-central-1": -5,
        "eu-west-1": 0, "eu-west-2": 0, "eu-west-3": 1, "eu-central-1": 1, "eu-north-1": 1,
        "ap-northeast-1": 9, "ap-southeast-1": 8, "ap-southeast-2": 10, "ap-south-1": 5,
        // GCP
        "us-central1": -6, "us-east1": -5, "us-east4": -5, "us-east5": -5, "us-west1": -8, "us-west4": -8,
        "europe-west1": 1, "europe-west2": 0, "europe-west4": 1, "europe-west9": 1,
        "asia-northeast1": 9, "asia-southeast1": 8,
        // Azure
        "eastus": -5, "eastus2": -5, "westus": -8, "westus3": -7, "southcentralus": -6, "northcentralus": -6,
        "westeurope": 1, "northeurope": 0, "swedencentral": 1, "francecentral": 1, "uksouth": 0,
        "japaneast": 9, "australiaeast": 10,
    ]

    /// Hours east of UTC for a region name; 0 for a region the table does not know.
    public static func utcOffsetHours(region: String) -> Int {
        offsets[region] ?? 0
    }
}
