extension GCPAPI {
    /// The Security Token Service exchange of workload identity federation.
    public static let stsToken = GCPAPI(name: "sts token exchange", service: "sts.googleapis.com", role: "roles/iam.workloadIdentityUser")
    /// IAM Credentials `generateAccessToken`, for service-account impersonation.
    public static let impersonation = GCPAPI(
        name: "iamcredentials generateAccessToken", service: "iamcredentials.googleapis.com", role: "roles/iam.serviceAccountTokenCreator"
    )
}
