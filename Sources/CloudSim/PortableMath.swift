/// The few transcendental functions the simulator needs, written with IEEE basic operations only.
///
/// libm's `exp` may differ in the last bit between glibc and Darwin; these do not, so a fleet built
/// from one seed produces the same numbers on every platform (the UI snapshot tests depend on it).
enum PortableMath {
    private static let ln2 = 0.693_147_180_559_945_3

    /// e^x, accurate to about one part in 10^15 over the range the simulator uses.
    static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 700 { return .infinity }
        if x < -700 { return 0 }
        let k = (x / ln2).rounded()
        let r = x - k * ln2
        // |r| ≤ ln2/2, where thirteen Taylor terms are exact to double precision.
        var term = 1.0
        var sum = 1.0
        for n in 1...13 {
            term *= r / Double(n)
            sum += term
        }
        return Double(sign: .plus, exponent: Int(k), significand: sum)
    }

    /// ln(x) for x > 0, by Newton's method on `exp`.
    static func log(_ x: Double) -> Double {
        guard x > 0 else { return -.infinity }
        // Start from the binary exponent, then refine: y ← y + 2(x − e^y)/(x + e^y) converges cubically.
        var y = Double(x.exponent) * ln2
        for _ in 0..<8 {
            let e = exp(y)
            y += 2 * (x - e) / (x + e)
        }
        return y
    }

    /// base^exponent for base > 0.
    static func power(_ base: Double, _ exponent: Double) -> Double {
        exp(exponent * log(base))
    }
}
