package io.lurker.emulator.world;

import java.util.List;

/** Fixed vocabularies of generated worlds: real category names and ids, words for logins, titles and emotes. */
final class Catalog {

    private Catalog() {
    }

    record GameEntry(String id, String name, String igdbId, double weight) {
    }

    /** Real Twitch categories with their Helix ids (IGDB ids where known). The weights shape the audience. */
    static final List<GameEntry> GAMES = List.of(
            new GameEntry("509658", "Just Chatting", "", 14),
            new GameEntry("21779", "League of Legends", "115", 9),
            new GameEntry("32982", "Grand Theft Auto V", "1020", 6),
            new GameEntry("516575", "VALORANT", "126459", 5),
            new GameEntry("32399", "Counter-Strike", "242408", 5),
            new GameEntry("33214", "Fortnite", "1905", 4.5),
            new GameEntry("27471", "Minecraft", "121", 4.5),
            new GameEntry("29595", "Dota 2", "2963", 3.5),
            new GameEntry("511224", "Apex Legends", "114795", 3),
            new GameEntry("18122", "World of Warcraft", "123", 3),
            new GameEntry("512710", "Call of Duty: Warzone", "131800", 2.5),
            new GameEntry("515025", "Overwatch 2", "125174", 2.2),
            new GameEntry("138585", "Hearthstone", "1279", 1.5),
            new GameEntry("513143", "Teamfight Tactics", "120176", 1.6),
            new GameEntry("30921", "Rocket League", "11198", 1.4),
            new GameEntry("491487", "Dead by Daylight", "18866", 1.6),
            new GameEntry("491931", "Escape from Tarkov", "21064", 1.5),
            new GameEntry("263490", "Rust", "3277", 1.4),
            new GameEntry("512953", "Elden Ring", "119133", 1.3),
            new GameEntry("1456241046", "Baldur's Gate 3", "119171", 1),
            new GameEntry("2748", "Magic: The Gathering", "", 0.6),
            new GameEntry("26936", "Music", "", 1.6),
            new GameEntry("509660", "Art", "", 1.1),
            new GameEntry("743", "Chess", "", 0.8),
            new GameEntry("1469308723", "Software and Game Development", "", 0.5),
            new GameEntry("509670", "Science & Technology", "", 0.4),
            new GameEntry("518203", "Sports", "", 0.9),
            new GameEntry("417752", "Talk Shows & Podcasts", "", 0.6),
            new GameEntry("509659", "ASMR", "", 0.7),
            new GameEntry("509672", "Travel & Outdoors", "", 0.5),
            new GameEntry("498566", "Slots", "", 1.1),
            new GameEntry("29452", "Virtual Casino", "", 0.6),
            new GameEntry("27284", "Retro", "", 0.5),
            new GameEntry("21465", "Old School RuneScape", "79824", 0.8),
            new GameEntry("513181", "Genshin Impact", "119277", 0.9),
            new GameEntry("493057", "PUBG: BATTLEGROUNDS", "27789", 0.9),
            new GameEntry("460630", "Tom Clancy's Rainbow Six Siege", "7360", 0.9),
            new GameEntry("29307", "Path of Exile", "1911", 0.8),
            new GameEntry("515024", "Diablo IV", "125165", 0.7),
            new GameEntry("490100", "Lost Ark", "82090", 0.4),
            new GameEntry("516086", "Street Fighter 6", "191692", 0.5),
            new GameEntry("538054672", "TEKKEN 8", "228531", 0.4),
            new GameEntry("504461", "Super Smash Bros. Ultimate", "90101", 0.5),
            new GameEntry("1678052513", "Marvel Rivals", "294041", 1.2),
            new GameEntry("510218", "Among Us", "111469", 0.4),
            new GameEntry("512980", "Fall Guys", "47823", 0.3),
            new GameEntry("490377", "Sea of Thieves", "11137", 0.4),
            new GameEntry("18846", "The Sims 4", "3212", 0.4),
            new GameEntry("31376", "Terraria", "1879", 0.4),
            new GameEntry("490744", "Stardew Valley", "17000", 0.4),
            new GameEntry("506274", "Hollow Knight", "14593", 0.2),
            new GameEntry("1229", "Pokémon FireRed/LeafGreen", "1559", 0.2),
            new GameEntry("490422", "StarCraft II", "239", 0.4),
            new GameEntry("66082", "Games + Demos", "", 0.4),
            new GameEntry("13389", "Age of Empires II", "", 0.3),
            new GameEntry("512804", "FIFA 21", "", 0.2),
            new GameEntry("2011938005", "EA Sports FC 25", "287249", 0.6),
            new GameEntry("515247", "NBA 2K25", "", 0.3),
            new GameEntry("1833694612", "Cyberpunk 2077", "1877", 0.3),
            new GameEntry("497057", "Destiny 2", "25657", 0.5),
            new GameEntry("493244", "Hunt: Showdown 1896", "", 0.3),
            new GameEntry("491318", "Factorio", "7046", 0.2),
            new GameEntry("490292", "Dark Souls III", "11133", 0.2),
            new GameEntry("24241", "FINAL FANTASY XIV ONLINE", "", 0.5),
            new GameEntry("1743359147", "Lethal Company", "", 0.2),
            new GameEntry("509663", "Special Events", "", 0.2),
            new GameEntry("516575000", "Valorant Premier", "", 0.05),
            new GameEntry("27546", "World of Tanks", "", 0.3),
            new GameEntry("491168", "Clash Royale", "", 0.2),
            new GameEntry("497078", "Clash of Clans", "", 0.1),
            new GameEntry("32959", "Heroes of the Storm", "", 0.1),
            new GameEntry("65654", "Trackmania", "", 0.2),
            new GameEntry("1745202732", "Deadlock", "", 0.5),
            new GameEntry("515263", "Palworld", "", 0.2),
            new GameEntry("1019150", "Black Myth: Wukong", "", 0.2),
            new GameEntry("1757732267", "Helldivers 2", "", 0.3),
            new GameEntry("509511", "Overwatch", "", 0.05),
            new GameEntry("1586221380", "Satisfactory", "", 0.2),
            new GameEntry("2125478957", "Balatro", "", 0.3),
            new GameEntry("9999991", "Poker", "", 0.3));

    static final List<String> LANGUAGES = List.of("en", "en", "en", "en", "en", "es", "es", "pt", "de", "fr", "ru", "ko", "ja",
            "it", "pl", "tr", "zh", "other");

    static final List<String> LOGIN_A = List.of("shadow", "pixel", "neon", "lucky", "silent", "crimson", "frost", "iron", "turbo",
            "cosmic", "lazy", "wild", "mega", "tiny", "sneaky", "golden", "dark", "happy", "salty", "spicy", "captain", "doctor",
            "king", "queen", "mister", "lady", "ultra", "hyper", "retro", "mystic", "royal", "savage", "chill", "rapid", "sonic");
    static final List<String> LOGIN_B = List.of("fox", "wolf", "panda", "tiger", "gamer", "ninja", "pirate", "wizard", "knight",
            "dragon", "otter", "falcon", "raven", "bear", "cat", "moose", "goblin", "viking", "samurai", "sniper", "healer",
            "tank", "rogue", "bard", "monk", "pilot", "chef", "owl", "yeti", "kraken", "phoenix", "badger", "lynx", "shark");

    static final List<String> TAGS = List.of("English", "Competitive", "Chill", "esports", "FPS", "Strategy", "Funny",
            "Vtuber", "Speedrun", "Roleplay", "Casual", "Educational", "NoBackseating", "LGBTQIAPlus", "DropsEnabled",
            "Ranked", "Coaching", "Cozy", "Variety", "Music");

    static final List<String> TITLE_OPENERS = List.of("RANKED GRIND", "chill vibes", "!drops day", "road to Challenger",
            "NEW PATCH", "24h stream?", "late night", "tournament practice", "viewer games", "learning the meta",
            "first playthrough", "sub goal", "scrims", "early stream", "comeback arc", "just vibing", "IRL",
            "speedrun attempts", "hardcore run", "coaching session");
    static final List<String> TITLE_CLOSERS = List.of("| !socials", "w/ friends", "| !discord", "— come hang", "| day 12",
            "| !merch", "(no backseating)", "| !giveaway", "", "| !schedule", "| !youtube", "| Pog");

    static final List<String> CLIP_WORDS = List.of("insane", "clutch", "what just happened", "no way", "1v5", "chat was right",
            "perfect timing", "the throw", "he actually did it", "best play", "LMAO", "how", "unreal", "rage", "ace",
            "outplayed", "pentakill", "speedrun strat", "jumpscare", "that reaction");

    static final List<String> ADJECTIVES = List.of("Awkward", "Helpless", "Brave", "Clever", "Curious", "Fancy", "Gentle",
            "Happy", "Jolly", "Kind", "Lively", "Nice", "Proud", "Silly", "Witty", "Zealous", "Agreeable", "Bright",
            "Calm", "Delightful", "Eager", "Faithful", "Glamorous", "Hilarious", "Inexpensive", "Light", "Magnificent",
            "Odd", "Perfect", "Quaint", "Relieved", "Shy", "Tasty", "Unusual", "Victorious", "Wonderful", "Cheerful",
            "Frozen", "Sparkling", "Tangential");
    static final List<String> ANIMALS = List.of("Salamander", "Penguin", "Otter", "Falcon", "Koala", "Lobster", "Alpaca",
            "Badger", "Bison", "Camel", "Cheetah", "Dolphin", "Eagle", "Ferret", "Gazelle", "Hedgehog", "Ibis", "Jaguar",
            "Kangaroo", "Lemur", "Mongoose", "Narwhal", "Octopus", "Panda", "Quail", "Rabbit", "Seahorse", "Toucan",
            "Walrus", "Yak", "Zebra", "Crow", "Goose", "Turtle", "Oyster", "Mole");
    static final List<String> EMOTE_WORDS = List.of("SwiftRage", "Kappa", "PogChamp", "BibleThump", "Kreygasm", "ResidentSleeper",
            "DansGame", "NotLikeThis", "FailFish", "SeemsGood", "CoolCat", "PJSalt", "KappaPride", "VoHiYo", "HeyGuys",
            "OSFrog", "TriHard", "BabyRage", "EleGiggle", "WutFace", "OhMyDog", "DoritosChip", "CorgiDerp", "TwitchUnity");

    /** Twitch's global emotes as they appear in chat, with their real ids where known. */
    static final List<String[]> GLOBAL_EMOTES = List.of(
            new String[] {"25", "Kappa"}, new String[] {"88", "PogChamp"}, new String[] {"86", "BibleThump"},
            new String[] {"41", "Kreygasm"}, new String[] {"245", "ResidentSleeper"}, new String[] {"33", "DansGame"},
            new String[] {"58765", "NotLikeThis"}, new String[] {"360", "FailFish"}, new String[] {"64138", "SeemsGood"},
            new String[] {"58127", "CoolCat"}, new String[] {"36", "PJSalt"}, new String[] {"55338", "KappaPride"},
            new String[] {"81274", "VoHiYo"}, new String[] {"30259", "HeyGuys"}, new String[] {"81248", "OSFrog"},
            new String[] {"120232", "TriHard"}, new String[] {"22639", "BabyRage"}, new String[] {"4339", "EleGiggle"},
            new String[] {"28087", "WutFace"}, new String[] {"81103", "OhMyDog"}, new String[] {"102242", "DoritosChip"},
            new String[] {"49106", "CorgiDerp"}, new String[] {"196892", "TwitchUnity"}, new String[] {"425618", "LUL"},
            new String[] {"354", "4Head"}, new String[] {"28", "MrDestructoid"}, new String[] {"1902", "Keepo"},
            new String[] {"191762", "Squid1"}, new String[] {"305954156", "PogChamp2"}, new String[] {"9", "<3"},
            new String[] {"555555584", "<3b"}, new String[] {"1", ":)"}, new String[] {"2", ":("}, new String[] {"3", ":D"},
            new String[] {"emotesv2_dcd06b30a5c24f6eb871e8f5edbd44f7", "DinoDance"},
            new String[] {"emotesv2_e02650251d204198923de93a0c62f5f5", "BOP"});

    static final List<String> EMOTE_SUFFIXES = List.of("Hype", "Love", "GG", "Lul", "Pog", "Wave", "Rage", "Cry", "Heart",
            "Sip", "Comfy", "Clap", "Wow", "Dance", "Think", "Salute", "Nom", "Sleep", "Hi", "Bonk");

    static final List<String> TEAM_WORDS = List.of("nova", "apex", "vanguard", "eclipse", "legion", "titan", "zenith",
            "horizon", "pulse", "forge", "summit", "drift", "aurora", "cipher", "ember", "orbit", "vortex", "haven", "pinnacle",
            "rift");
}
