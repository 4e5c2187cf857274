import ArgumentParser
import Receiver

/// The shape of the simulated mesh a benchmark feeds (`AccessLogFixtures.MeshShape`): the options `skymesh bench
/// soak` takes (and `skymesh bench analyze` can), each defaulting to the command's own shape when left out.
package struct MeshShapeOptions: ParsableArguments {
    @Option(help: "Services of the simulated mesh (default: the command's shape).") var services: Int?
    @Option(help: "Instances (sidecars, hence ALS streams) per service (default: the command's shape).")
    var instancesPerService: Int?
    @Option(help: "Endpoints per service (default: the command's shape).") var endpointsPerService: Int?

    /// Creates the options (argument-parser calls this).
    package init() {}

    /// `defaults` with the options given on the command line.
    func shape(defaults: AccessLogFixtures.MeshShape) -> AccessLogFixtures.MeshShape {
        AccessLogFixtures.MeshShape(
            services: self.services ?? defaults.services,
            instancesPerService: self.instancesPerService ?? defaults.instancesPerService,
            endpointsPerService: self.endpointsPerService ?? defaults.endpointsPerService,
            callsPerService: defaults.callsPerService)
    }
}
