namespace Holler.Tests.Web;

/// <summary>One dev node for the fleet and the phone-width browser tests: both only watch its traffic and surges, so
/// one node (its start-up and generator) serves both classes, one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class SharedDevNode : ICollectionFixture<DevNodeFixture>
{
    public const string Name = "shared dev node";
}
