/// §5.5.2.2 Fragment Spreads Must Not Form Cycles: no fragment spreads itself, directly or through others.
///
/// A depth-first search over the spreads the walker recorded, with an explicit stack so a long chain of
/// fragments cannot exhaust the call stack; each cycle is reported once, with the spreads that form it.
struct NoFragmentCycles: ValidationRule {
    /// One fragment on the search path and the next of its spreads to follow.
    private struct Frame {
        var index: Int
        var spreads: [FragmentSpread]
        var next = 0
    }

    func finishDocument(context: ValidationContext) {
        var visited: Set<Int> = []
        for (index, definition) in context.document.definitions.enumerated() {
            guard case .fragment(let fragment) = definition, context.fragmentIndexes[fragment.name] == index,
                visited.insert(index).inserted
            else { continue }
            self.search(from: index, visited: &visited, context: context)
        }
    }

    private func search(from start: Int, visited: inout Set<Int>, context: ValidationContext) {
        let startSpreads = context.spreads(inDefinitionAt: start)
        guard !startSpreads.isEmpty else { return }
        var spreadPath: [FragmentSpread] = []
        var pathPositions: [Int: Int] = [start: 0]
        var stack = [Frame(index: start, spreads: startSpreads)]
        while let top = stack.last {
            guard top.next < top.spreads.count else {
                pathPositions[top.index] = nil
                stack.removeLast()
                if !stack.isEmpty { spreadPath.removeLast() }
                continue
            }
            let spread = top.spreads[top.next]
            stack[stack.count - 1].next += 1
            guard let target = context.fragmentIndexes[spread.name] else { continue }
            if let position = pathPositions[target] {
                let cycle = Array(spreadPath[position...]) + [spread]
                let via = cycle.dropLast().map { "\"\($0.name)\"" }.joined(separator: ", ")
                context.report(
                    "Cannot spread fragment \"\(spread.name)\" within itself\(via.isEmpty ? "" : " via \(via)").",
                    at: cycle.map(\.location))
                continue
            }
            guard visited.insert(target).inserted else { continue }
            let spreads = context.spreads(inDefinitionAt: target)
            guard !spreads.isEmpty else { continue }
            spreadPath.append(spread)
            pathPositions[target] = spreadPath.count
            stack.append(Frame(index: target, spreads: spreads))
        }
    }
}
