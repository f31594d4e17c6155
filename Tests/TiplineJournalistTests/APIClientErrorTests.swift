import Testing
import TiplineAPIClient

/// `APIClientError.Code` is the extensible code struct of the other modules; the HTTP status rides on `.status(_:)`.
@Suite("API client error codes")
struct APIClientErrorTests {
    @Test func statusCodesCompareByStatusAndDecideRetries() {
        let notFound = APIClientError(.status(404), "no such key")
        #expect(notFound.code == .status(404))
        #expect(notFound.code != .status(500))
        #expect(notFound.code != .invalidResponse)
        #expect(notFound.status == 404)
        #expect(!notFound.isRetryable)
        #expect(APIClientError(.status(429), "slow down").isRetryable)
        #expect(APIClientError(.status(503), "down").isRetryable)
        #expect(notFound.description == "API answered 404: no such key")
    }

    @Test func transportAndDecodingFailuresCarryNoStatus() {
        let unreachable = APIClientError(.unreachable, "connection refused")
        #expect(unreachable.status == nil)
        #expect(unreachable.isRetryable)
        #expect(unreachable.code.description == "unreachable")
        let invalid = APIClientError(.invalidResponse, "not JSON")
        #expect(!invalid.isRetryable)
        #expect(invalid.description == "invalid API response: not JSON")
    }
}
