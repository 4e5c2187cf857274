/// One `$name` in an operation or fragment, with the input type expected where it stands (§5.8.5
/// `IsVariableUsageAllowed`): nil when the position is unknown (an unknown argument or input field).
struct VariableUsage {
    /// The variable's name, without `$`.
    var name: String
    /// Where it is used (the argument's or input field's value).
    var location: SourceLocation
    /// The type of the argument, input field or list item it stands for.
    var type: TypeReference?
    /// Whether that argument or input field has a default value (the non-null exception of §5.8.5).
    var hasLocationDefault: Bool
}
