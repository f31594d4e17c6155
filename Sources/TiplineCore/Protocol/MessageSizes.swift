/// The fixed sizes of every CoverDrop v1 message layer (`spec/PROTOCOL.md` §3.1).
public enum MessageSizes {
    /// A padded compressed string.
    public static let paddedText = 512
    /// A recipient tag.
    public static let recipientTag = 4
    /// U2J plaintext: reply key 32 ‖ reserved 1 ‖ text 512.
    public static let userToJournalist = 545
    /// U2J sealed to the journalist (Anonymous Box).
    public static let userToJournalistEncrypted = 593
    /// U2C plaintext: tag 4 ‖ U2J-enc 593.
    public static let userToCoverNode = 597
    /// U2C encrypted to two CoverNode keys: what every reader app posts.
    public static let userToCoverNodeEncrypted = 773
    /// C2J plaintext: the U2J-enc, unchanged.
    public static let coverNodeToJournalist = 593
    /// C2J encrypted (Two Party Box): one entry of a journalist dead drop.
    public static let coverNodeToJournalistEncrypted = 633
    /// J2U plaintext: type 1 ‖ body 512.
    public static let journalistToUser = 513
    /// J2U encrypted (Two Party Box): one entry of a user dead drop.
    public static let journalistToUserEncrypted = 553
    /// J2C plaintext: real/cover flag 1 ‖ J2U-enc 553.
    public static let journalistToCoverNode = 554
    /// J2C encrypted to two CoverNode keys: what a journalist client posts.
    public static let journalistToCoverNodeEncrypted = 730
}
