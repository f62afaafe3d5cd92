namespace VodManager.Demo;

/// <summary>A moment the demo stream plants, for the demo's highlights to be found and for tests to check.</summary>
/// <param name="AtSeconds">When it happens; chat reacts over the following seconds.</param>
/// <param name="What">What happens, as an editor would say it.</param>
/// <param name="Silent">It happens on the silent "be right back" screen, so refinement should judge it not a clip.</param>
public sealed record DemoMoment(double AtSeconds, string What, bool Silent = false);
