import Foundation
import Testing
import TiplineCore

@Suite struct SignedFormTests {
    let signer = try! SigningKeyPair<Role.JournalistIdentity>.generate()
    let now = Timestamp(seconds: 1_800_000_000, nanoseconds: 905_124_191)

    var certified: SignedPublicKey<SigningPublicKey<Role.JournalistIdentity>> {
        get throws {
            try SigningKeyPair<Role.JournalistProvisioning>.generate().certify(
                signer.publicKey, notValidAfter: now.adding(.seconds(86_400)))
        }
    }

    @Test func signsWithPlusZeroOffsetsAndEmitsZ() throws {
        let form = try SignedForm.sign(body: Array("\"hello\"".utf8), with: signer, now: now)
        let json = String(decoding: try JSONEncoder().encode(form), as: UTF8.self)
        #expect(json.contains("2027-01-15T08:00:00.905124191Z"))
        let signed = SignedForm.signedBytes(
            body: form.body, createdAt: form.createdAt, notValidAfter: form.notValidAfter)
        #expect(
            String(decoding: signed, as: UTF8.self)
                == "\"hello\"2027-01-15T08:00:00.905124191+00:002027-01-15T09:00:00.905124191+00:00")
        let decoded = try JSONDecoder().decode(SignedForm.self, from: Data(json.utf8))
        #expect(decoded == form)
        #expect(try decoded.verify(signer: certified, policy: .online, now: now) == form.body)
    }

    @Test func rejectsExpiredFutureOverlongTamperedAndForeignForms() throws {
        let key = try certified
        let form = try SignedForm.sign(body: [0x7b, 0x7d], with: signer, now: now)
        #expect(throws: TiplineCoreError.self) {
            try form.verify(signer: key, policy: .online, now: now.adding(.seconds(3601)))
        }
        #expect(throws: TiplineCoreError.self) {
            try form.verify(signer: key, policy: .online, now: now.adding(.seconds(-600)))
        }
        let long = try SignedForm.sign(body: [0x7b, 0x7d], with: signer, now: now, lifetime: .seconds(7200))
        #expect(throws: TiplineCoreError.self) { try long.verify(signer: key, policy: .online, now: now) }
        #expect(try long.verify(signer: key, policy: .ceremony, now: now) == [0x7b, 0x7d])
        let other = try SigningKeyPair<Role.JournalistIdentity>.generate()
        let foreign = try SignedForm.sign(body: [0x7b, 0x7d], with: other, now: now)
        #expect(throws: TiplineCoreError.self) { try foreign.verify(signer: key, policy: .online, now: now) }
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(form)) as? [String: String] ?? [:]
        json["body"] = Base64.encodePadded(Array("{\"x\":1}".utf8))
        let tampered = try JSONDecoder().decode(SignedForm.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(throws: TiplineCoreError.self) { try tampered.verify(signer: key, policy: .online, now: now) }
    }

    @Test func malformedFormJSONIsADecodingError() {
        for text in [
            #"{"body":"!!","signature":"00","created_at":"x","not_valid_after":"y","signing_pk":"00"}"#,
            #"{"body":"e30="}"#, "[]", "",
        ] {
            #expect(throws: (any Error).self) { try JSONDecoder().decode(SignedForm.self, from: Data(text.utf8)) }
        }
    }
}
