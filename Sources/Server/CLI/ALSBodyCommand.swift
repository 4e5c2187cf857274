import ArgumentParser
import Foundation
import Receiver

/// `skymesh bench als-body`: a gRPC request body of length-prefixed `StreamAccessLogsMessage`s, for h2load.
package struct ALSBodyCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "als-body",
        abstract: "Write a gRPC request body (length-prefixed ALS messages, the first with the identifier).")

    @Option(help: "Messages in the body.") var messages = 20
    @Option(help: "HTTP entries per message.") var entriesPerMessage = 50
    @Option(help: "File to write.") var output: String

    /// Creates the command (argument-parser calls this).
    package init() {}

    package func run() throws {
        var body: [UInt8] = []
        for message in AccessLogFixtures.httpStream(
            messageCount: self.messages, entriesPerMessage: self.entriesPerMessage)
        {
            let length = message.count
            body += [
                0, UInt8(length >> 24 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF),
                UInt8(length & 0xFF),
            ]
            body += message
        }
        try Data(body).write(to: URL(fileURLWithPath: self.output))
        print("\(self.messages * self.entriesPerMessage) entries in \(body.count) bytes")
    }
}
