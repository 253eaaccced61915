using Akka.Hosting;

namespace Holler.Serialization;

public static class SerializationSetup
{
    /// <summary>Binds every Holler protocol to <see cref="HollerSerializer"/>, so nothing falls back to JSON (akka.net #6389).</summary>
    public static AkkaConfigurationBuilder AddHollerSerialization(this AkkaConfigurationBuilder builder) =>
        builder.WithCustomSerializer("holler", HollerSerializer.BoundTypes, system => new HollerSerializer(system));
}
