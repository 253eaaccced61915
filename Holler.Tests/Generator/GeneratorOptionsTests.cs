using Holler.Generation;

namespace Holler.Tests.Generator;

public class GeneratorOptionsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("localhost")]
    [InlineData("localhost:notaport")]
    [InlineData("localhost:9092,:9093")]
    [InlineData("localhost:70000")]
    public async Task A_bad_bootstrap_list_is_an_argument_error_naming_it(string servers)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            TrafficGenerator.RunAsync(new GeneratorOptions { BootstrapServers = servers }, null, TestContext.Current.CancellationToken));
        Assert.Equal(nameof(GeneratorOptions.BootstrapServers), e.ParamName);
    }

    [Theory]
    [InlineData("localhost:9092")]
    [InlineData("broker-1:9092, broker-2:9092")]
    [InlineData("PLAINTEXT://10.0.0.5:29092")]
    [InlineData("[::1]:9092")]
    public void Usual_bootstrap_lists_pass(string servers) => new GeneratorOptions { BootstrapServers = servers }.Validate();

    [Fact]
    public void Other_bad_options_name_themselves()
    {
        var options = new GeneratorOptions { BootstrapServers = "localhost:9092" };
        Assert.Equal("Speedup", Assert.Throws<ArgumentException>(() => (options with { Speedup = 0 }).Validate()).ParamName);
        Assert.Equal("Topic", Assert.Throws<ArgumentException>(() => (options with { Topic = " " }).Validate()).ParamName);
        Assert.Equal("Count", Assert.Throws<ArgumentException>(() => (options with { Plan = new GeneratorSettings { Count = 0 } }).Validate()).ParamName);
    }

    [Fact]
    public async Task A_producer_property_librdkafka_rejects_is_an_argument_error()
    {
        var options = new GeneratorOptions
        {
            BootstrapServers = "localhost:9092",
            Plan = new GeneratorSettings { BusinessCount = 10, Count = 1 },
            ExtraProducerConfig = new Dictionary<string, string> { ["no.such.property"] = "1" },
        };
        var e = await Assert.ThrowsAsync<ArgumentException>(() => TrafficGenerator.RunAsync(options, null, TestContext.Current.CancellationToken));
        Assert.Contains("no.such.property", e.Message);
    }
}
