import Foundation
import Testing
import TiplineCore

@Suite struct IdentityRotationBodiesTests {
    let now = Timestamp(seconds: 1_800_000_000)

    @Test func bodiesUseCoverDropsFieldNamesAndRoundTrip() throws {
        let signer = try SigningKeyPair<Role.JournalistIdentity>.generate()
        let newKey = try SigningKeyPair<Role.JournalistIdentity>.generate().publicKey
        let innerBody = RotateJournalistIdentityKeyBody(newPk: UnsignedPublicKeyJSON(key: newKey.hex))
        let inner = try SignedForm.sign(innerBody, with: signer, now: now)
        #expect(String(decoding: inner.body, as: UTF8.self) == #"{"new_pk":{"key":"\#(newKey.hex)"}}"#)

        let outer = RotateJournalistIdentityKeyFormBody(form: inner)
        let outerJSON = try JSONSerialization.jsonObject(with: JSONEncoder().encode(outer)) as? [String: Any]
        #expect(outerJSON.map { Array($0.keys) } == ["form"])
        #expect(
            try JSONDecoder().decode(RotateJournalistIdentityKeyFormBody.self, from: JSONEncoder().encode(outer))
                == outer)

        let entry = QueuedJournalistIdentityKeyForm(journalistId: "alice", form: inner)
        let entryJSON = try JSONSerialization.jsonObject(with: JSONEncoder().encode(entry)) as? [String: Any]
        #expect(entryJSON.map { Set($0.keys) } == ["journalist_id", "form"])
        let decoded = try JSONDecoder().decode(QueuedJournalistIdentityKeyForm.self, from: JSONEncoder().encode(entry))
        #expect(decoded == entry)
        #expect(try decoded.form.decodeBody(RotateJournalistIdentityKeyBody.self, from: decoded.form.body) == innerBody)
    }

    @Test func aBodyWithoutNewPkIsRejected() {
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode(RotateJournalistIdentityKeyBody.self, from: Data(#"{"key":"00"}"#.utf8))
        }
    }
}
