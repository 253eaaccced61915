namespace Holler.Domain.Catalog;

/// <summary>Word lists for synthetic business names; changing any list changes every synthetic catalog.</summary>
internal static class SyntheticNames
{
    private const NamePatterns Dpl = NamePatterns.Descriptive | NamePatterns.Possessive | NamePatterns.Place;

    public static readonly CategoryNaming[] Categories =
    [
        new("Restaurants", 30, ["Bistro", "Grill", "Kitchen", "Diner", "Eatery", "Trattoria", "Taqueria", "Noodle House",
            "Pizzeria", "Sushi Bar", "Steakhouse", "Cantina", "BBQ", "Ramen", "Dumpling House", "Taco Shop", "Burger Joint",
            "Pho", "Curry House", "Brasserie", "Chophouse", "Deli", "Seafood Shack"], Dpl),
        new("Coffee & Tea", 9, ["Coffee", "Coffee Co.", "Espresso Bar", "Roasters", "Tea House", "Cafe", "Coffee House", "Tea Bar"], Dpl),
        new("Bakeries", 5, ["Bakery", "Bake Shop", "Patisserie", "Donuts", "Bagels", "Pie Company"], Dpl),
        new("Ice Cream & Frozen Yogurt", 3, ["Creamery", "Ice Cream", "Gelato", "Frozen Yogurt"], Dpl),
        new("Bars", 9, ["Pub", "Tavern", "Taproom", "Lounge", "Brewing Co.", "Saloon", "Cocktail Bar", "Wine Bar", "Beer Garden"],
            Dpl | NamePatterns.Definite),
        new("Fitness", 6, ["Fitness", "Gym", "Yoga", "CrossFit", "Pilates Studio", "Athletic Club", "Boxing Gym", "Cycle Studio"],
            NamePatterns.Descriptive | NamePatterns.Place),
        new("Salons", 7, ["Salon", "Hair Studio", "Nail Spa", "Barbershop", "Beauty Bar", "Day Spa", "Hair Design"], Dpl),
        new("Auto Repair", 5, ["Auto Repair", "Auto Care", "Tire & Auto", "Collision Center", "Automotive", "Transmission", "Auto Body"],
            NamePatterns.Possessive | NamePatterns.Place),
        new("Hotels", 4, ["Hotel", "Inn", "Suites", "Lodge", "Hotel & Suites", "Motor Lodge"], NamePatterns.Descriptive | NamePatterns.Place),
        new("Dentists", 4, ["Dental", "Family Dentistry", "Dental Care", "Dental Studio", "Orthodontics"], NamePatterns.Place),
        new("Grocery", 4, ["Market", "Grocery", "Foods", "Farm Market", "Deli & Market"], NamePatterns.Possessive | NamePatterns.Place),
        new("Pet Services", 3, ["Pet Grooming", "Animal Hospital", "Veterinary Clinic", "Pet Supply"], NamePatterns.Possessive | NamePatterns.Place),
        new("Florists", 2, ["Flowers", "Florist", "Floral Design"], Dpl),
        new("Bookstores", 2, ["Books", "Bookshop", "Book Exchange"], NamePatterns.Descriptive | NamePatterns.Place),
        new("Home Services", 5, ["Plumbing", "Electric", "Roofing", "Landscaping", "Heating & Air", "Handyman Services"],
            NamePatterns.Possessive | NamePatterns.Place),
    ];

    public static readonly string[] Adjectives =
    [
        "Golden", "Silver", "Blue", "Red", "Green", "Lucky", "Happy", "Little", "Royal", "Urban", "Rustic", "Crimson", "Jade",
        "Copper", "Iron", "Velvet", "Wild", "Sunny", "Cozy", "Humble", "Hidden", "Twisted", "Rusty", "Salty", "Sweet", "Smoky",
        "Bright", "Old", "Grand", "Noble", "Black", "White", "Amber", "Emerald", "Coastal", "Northern", "Southern", "Lazy",
    ];

    public static readonly string[] Nouns =
    [
        "Dragon", "Lotus", "Oak", "Anchor", "Fox", "Sparrow", "Harbor", "Lantern", "Pine", "River", "Bear", "Crown", "Bean",
        "Leaf", "Stone", "Wolf", "Owl", "Rooster", "Tiger", "Bamboo", "Cedar", "Maple", "Willow", "Phoenix", "Moon", "Star",
        "Sun", "Bell", "Barrel", "Kettle", "Compass", "Garden", "Orchard", "Meadow", "Peak", "Pearl", "Rose", "Thistle",
        "Falcon", "Spoon",
    ];

    public static readonly string[] People =
    [
        "Rosa", "Tony", "Maria", "Luigi", "Sam", "Mei", "Ahmed", "Priya", "Carlos", "Sofia", "Joe", "Nonna", "Kim", "Lucy",
        "Marco", "Elena", "Omar", "Hana", "Jack", "Frank", "Nick", "Gus", "Ana", "Lena", "Raj", "Yuki", "Chen", "Diego",
        "Olga", "Pete", "Sal", "Vinny", "Dee", "Bobby", "Linda", "Hector", "Amir", "Fatima", "Kenji", "Ivan",
    ];

    public static readonly string[] Places =
    [
        "Summit", "Main Street", "Maple Street", "Lakeside", "Riverside", "Harbor", "Northside", "Union", "Elm Street",
        "Parkview", "Midtown", "Downtown", "Eastside", "Westside", "Hillcrest", "Oak Park", "Bayview", "Broadway",
        "Market Street", "Sunset", "Highland", "Canyon", "Central", "Uptown", "Mission", "Ridgeview", "Liberty", "Pioneer",
        "Village", "Westgate", "Crossroads", "Metro", "Cityline", "Greenway", "Brookside", "Lincoln", "Madison", "Franklin",
        "Ocean", "Valley",
    ];
}
