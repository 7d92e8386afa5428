namespace LicensingPortal.Domain.Auditing;

/// <summary>Who did something: a signed-in user, an API key, or the scheduler.</summary>
public sealed record Actor(Guid? UserId, string Name)
{
    public static readonly Actor Scheduler = new(null, "System (scheduler)");
}
