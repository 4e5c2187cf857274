import Testing

@testable import Analysis

/// The per-service endpoint cap, and the bound on what it remembers over all services.
@Suite struct EndpointAdmissionTests {
    /// Each service admits up to its cap of distinct names; known names stay admitted, and other services have caps
    /// of their own.
    @Test func capsEachService() {
        let admission = EndpointAdmission(maxEndpointsPerService: 2)
        #expect(admission.admit("/a", of: "s1") && admission.admit("/b", of: "s1"))
        #expect(!admission.admit("/c", of: "s1"))
        #expect(admission.admit("/a", of: "s1"))
        #expect(admission.admit("/c", of: "s2"))
    }

    /// Past `maxAdmittedEndpoints` names over all services the table starts over, as after a restart, instead of
    /// growing with every new service name clients send; folded names take no room.
    @Test func startsOverPastItsBound() {
        let admission = EndpointAdmission(maxEndpointsPerService: 1, maxAdmittedEndpoints: 3)
        #expect(admission.admit("/a", of: "s1"))
        #expect(!admission.admit("/b", of: "s1") && !admission.admit("/c", of: "s1"))
        #expect(admission.admit("/a", of: "s2") && admission.admit("/a", of: "s3"))
        #expect(!admission.admit("/b", of: "s1"))
        // The fourth name empties the table first: s1 has room again.
        #expect(admission.admit("/a", of: "s4"))
        #expect(admission.admit("/b", of: "s1"))
        #expect(!admission.admit("/a", of: "s1"))
    }
}
