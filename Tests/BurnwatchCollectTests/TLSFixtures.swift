import Foundation

/// Throwaway certificates for the loopback TLS tests: a CA and a leaf for localhost/127.0.0.1
/// signed by it (valid until 2126). The key protects nothing; it exists only for these tests.
enum TLSFixtures {
    static let caCertificate = """
    -----BEGIN CERTIFICATE-----
    MIIBnjCCAUWgAwIBAgIUDYQrq/C1mrY04GWRzqCS81y/LB0wCgYIKoZIzj0EAwIw
    HDEaMBgGA1UEAwwRYnVybndhdGNoIHRlc3QgQ0EwIBcNMjYxMTI5MTYzNjQ1WhgP
    MjEyNjExMDUxNjM2NDVaMBwxGjAYBgNVBAMMEWJ1cm53YXRjaCB0ZXN0IENBMFkw
    EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEXxc8Y6B2Iv0PvE8Y3rg2qmxnJ6IUbElZ
    9eIKMHmzQeVYNErrPaz4tEdjp5d6XUTDxBkDV0G66BsV4GGCh+M0iqNjMGEwHQYD
    VR0OBBYEFD7+/Z3+/zAS/NoffhbzLHqgiMjNMB8GA1UdIwQYMBaAFD7+/Z3+/zAS
    /NoffhbzLHqgiMjNMA8GA1UdEwEB/wQFMAMBAf8wDgYDVR0PAQH/BAQDAgIEMAoG
    CCqGSM49BAMCA0cAMEQCIAfcxwO4yCa2ir3uXANFh4rNFZr38vElycfqcqRO0jwL
    AiBZz+Ysc0SjqbRQ6EpYBdQBfvDe7D6g/qwsbCpdv9ZMSw==
    -----END CERTIFICATE-----
    """

    static let leafCertificate = """
    -----BEGIN CERTIFICATE-----
    MIIBsjCCAVigAwIBAgIUJqGQvoahwTVb7DIO5q5YRMCckJcwCgYIKoZIzj0EAwIw
    HDEaMBgGA1UEAwwRYnVybndhdGNoIHRlc3QgQ0EwIBcNMjYxMTI5MTYzNjQ1WhgP
    MjEyNjExMDUxNjM2NDVaMBQxEjAQBgNVBAMMCWxvY2FsaG9zdDBZMBMGByqGSM49
    AgEGCCqGSM49AwEHA0IABNSYw+kKqiRjRpllTm3VbQw8QLHwFqsWPIsMLSucM1iw
    mXZfoaJoVwoNoXWvESZAOlfQ281HE7czHDJXWWcJ3zmjfjB8MBoGA1UdEQQTMBGC
    CWxvY2FsaG9zdIcEfwAAATAJBgNVHRMEAjAAMBMGA1UdJQQMMAoGCCsGAQUFBwMB
    MB0GA1UdDgQWBBSlNRS3O1EwkqqAcaZfeaDkvOSrHTAfBgNVHSMEGDAWgBQ+/v2d
    /v8wEvzaH34W8yx6oIjIzTAKBggqhkjOPQQDAgNIADBFAiA5XsMJI2h0lrs5Dlmp
    njrxxQJSAcvaw/5hqNMH9IVEQgIhAInuzcbYo5q4lYXydZR9fKuXZWU75MaFmhqb
    9FQE/wGN
    -----END CERTIFICATE-----
    """

    static let leafKey = """
    -----BEGIN PRIVATE KEY-----
    MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgphpMad9TE7tvIK+0
    pkRpZns8+l2AYkvsPBCb7P8q87qhRANCAATUmMPpCqokY0aZZU5t1W0MPECx8Bar
    FjyLDC0rnDNYsJl2X6GiaFcKDaF1rxEmQDpX0NvNRxO3MxwyV1lnCd85
    -----END PRIVATE KEY-----
    """
}
