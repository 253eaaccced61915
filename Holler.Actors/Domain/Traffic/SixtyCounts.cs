using System.Runtime.CompilerServices;

namespace Holler.Domain.Traffic;

/// <summary>Sixty counts stored inline in whatever holds them: a business's window and minute history live inside its
/// one state object instead of two arrays of their own (an array costs a header, a length and a reference besides).</summary>
[InlineArray(60)]
public struct SixtyCounts
{
    private int _first;
}
