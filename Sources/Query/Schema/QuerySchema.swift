import GraphQL

/// The SkyWalking query protocol's schema as skymesh serves it: the SDL files of `schema/`, embedded into the
/// binary at build time by the `EmbedFiles` plugin (``EmbeddedSchema``), built once.
package enum QuerySchema {
    /// The embedded SDL files, name and text, in name order.
    package static var files: [(path: String, text: String)] { EmbeddedSchema.files }

    /// The schema built from ``files``.
    /// - Throws: ``GraphQLError`` when the embedded SDL does not build (a build defect caught by the tests).
    package static func build() throws(GraphQLError) -> Schema {
        try SchemaBuilder.build(sdl: EmbeddedSchema.files.map(\.text))
    }
}
