using Holler.Host.Configuration;
using Microsoft.Extensions.Configuration;

namespace Holler.Tests.Cli;

public sealed class KnownSettingsTests
{
    [Theory]
    [InlineData("Detector:MinCout", "Detector:MinCount")]
    [InlineData("detectr:mincount", "Detector:MinCount")]
    [InlineData("Kafak:Bootstrp", "Kafka:Bootstrap")]
    [InlineData("Datadir2", "DataDir")]
    [InlineData("Operator", "Operator:Hostname")]
    // Nested sections, and maps keyed by a name of the user's choosing, which is kept as given.
    [InlineData("Web:Oidc:Authorty", "Web:Oidc:Authority")]
    [InlineData("Web:Usrs:bob:Role", "Web:Users:bob:Role")]
    [InlineData("Operator:Tokens:ci:Hsh", "Operator:Tokens:ci:Hash")]
    [InlineData("Web:Users", "Web:Users:NAME:PasswordHash")]
    public void The_suggestion_is_the_nearest_known_setting(string key, string expected) =>
        Assert.Equal(expected, KnownSettings.Suggest(key));

    [Fact]
    public void Every_setting_of_the_options_is_known_whatever_its_case()
    {
        Assert.Contains("Generator:Enabled", KnownSettings.All);
        Assert.Contains("Roles", KnownSettings.All);
        Assert.True(KnownSettings.IsKnown("tracker:SHARDS"));
        Assert.False(KnownSettings.IsKnown("Tracker"));
        Assert.Contains("Web:Users:NAME:Role", KnownSettings.All);
        Assert.Contains("Web:Oidc:RoleMap:NAME", KnownSettings.All);
        Assert.True(KnownSettings.IsKnown("web:users:Anyone:PASSWORDHASH"));
        Assert.True(KnownSettings.IsKnown("Web:Oidc:RoleMap:Holler.Analysts"));
        Assert.False(KnownSettings.IsKnown("Web:Users:anyone"));
        Assert.False(KnownSettings.IsKnown("Web:Users:anyone:Password"));
    }

    [Fact]
    public void Known_keys_pass_and_an_unknown_one_is_named_once()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Roles"] = "web",
            ["Detector:MinCount"] = "3",
            ["Detector:MinCont"] = "3",
        }).Build();

        Assert.Equal(["Detector:MinCont: unknown setting (did you mean Detector:MinCount?)"], KnownSettings.Check(configuration));
    }
}
