/// How a custom scalar coerces its input and serializes its output (GraphQL spec, October 2021, §3.5 "Input
/// Coercion" and "Result Coercion"): a `nil` from a hook rejects the value, with an error naming the scalar.
///
/// A custom scalar without a registered coercion accepts any input as is and writes any leaf output as is.
public struct ScalarCoercion: Sendable {
    /// Coerces a literal in the document (variables already substituted by the executor are not passed here).
    public var literal: @Sendable (Value) -> InputValue?
    /// Coerces a variable's JSON value.
    public var variable: @Sendable (JSONValue) -> InputValue?
    /// Serializes a resolver's value: returns the leaf to write (`.int`, `.float`, `.string`, `.bool`, `.json`…).
    public var output: @Sendable (FieldValue) -> FieldValue?

    /// A coercion from its three hooks.
    public init(
        literal: @escaping @Sendable (Value) -> InputValue?, variable: @escaping @Sendable (JSONValue) -> InputValue?,
        output: @escaping @Sendable (FieldValue) -> FieldValue?
    ) {
        self.literal = literal
        self.variable = variable
        self.output = output
    }

    /// A 64-bit signed integer scalar (SkyWalking's `Long`, graphql-java's): integer literals and JSON integers
    /// within 64 bits, and strings of such digits; output of integers (and integral doubles within range).
    public static let long = ScalarCoercion(
        literal: { value in
            switch value {
            case .int(let text), .string(let text): Int(text).map(InputValue.int)
            default: nil
            }
        },
        variable: { json in
            switch json {
            case .number(let text), .string(let text): Int(text).map(InputValue.int)
            default: nil
            }
        },
        output: { value in
            switch value {
            case .int: value
            case .float(let number):
                number.rounded() == number && abs(number) < 9.2e18 ? .int(Int(number)) : nil
            case .string(let text): Int(text).map(FieldValue.int)
            default: nil
            }
        })
}
