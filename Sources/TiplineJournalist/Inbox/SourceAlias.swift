import TiplineCore

/// Human-friendly names for sources: two random words ("Amber Heron"), unique within a vault, falling back to
/// "Source N" if the small word lists are exhausted. Aliases are random, not derived from the reply key, so they
/// reveal nothing about it.
enum SourceAlias {
    static let adjectives = [
        "Amber", "Ashen", "Autumn", "Azure", "Brave", "Bright", "Calm", "Cedar", "Clever", "Copper", "Coral", "Crimson",
        "Dawn", "Dusky", "Eager", "Early", "Fable", "Fern", "Gentle", "Golden", "Granite", "Hazel", "Honest", "Indigo",
        "Ivory", "Jade", "Keen", "Lively", "Lunar", "Maple", "Misty", "Mossy", "Noble", "Ochre", "Olive", "Opal",
        "Patient", "Pearl", "Quiet", "Rapid", "Rosy", "Rustic", "Sandy", "Scarlet", "Silent", "Silver", "Slate",
        "Solar", "Steady", "Stormy", "Sunny", "Swift", "Tawny", "Tidal", "Umber", "Velvet", "Violet", "Warm", "Wild",
        "Willow", "Windy", "Winter", "Young", "Zesty",
    ]
    static let nouns = [
        "Badger", "Bear", "Beaver", "Bison", "Crane", "Crow", "Deer", "Dolphin", "Eagle", "Egret", "Falcon", "Ferret",
        "Finch", "Fox", "Gecko", "Goose", "Hare", "Hawk", "Heron", "Ibis", "Jackal", "Jay", "Kestrel", "Kite", "Koala",
        "Lark", "Lemur", "Lynx", "Magpie", "Marten", "Mink", "Mole", "Moose", "Newt", "Orca", "Osprey", "Otter", "Owl",
        "Panda", "Pelican", "Puffin", "Quail", "Raven", "Robin", "Salmon", "Seal", "Shrike", "Sparrow", "Stoat",
        "Stork", "Swan", "Swift", "Tern", "Thrush", "Tiger", "Toad", "Trout", "Turtle", "Vole", "Walrus", "Weasel",
        "Whale", "Wolf", "Wren",
    ]

    /// A fresh alias not in `taken` (compared case-insensitively).
    static func make(number: Int, avoiding taken: Set<String>) -> String {
        let lowered = Set(taken.map { $0.lowercased() })
        for _ in 0..<32 {
            let alias =
                adjectives[SecureRandom.uniform(adjectives.count)] + " " + nouns[SecureRandom.uniform(nouns.count)]
            if !lowered.contains(alias.lowercased()) { return alias }
        }
        return "Source \(number)"
    }
}
