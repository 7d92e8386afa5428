using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.SuiteChanges;

public sealed class SuiteChangeApproval
{
    internal SuiteChangeApproval(Guid suiteChangeId, Guid ownerId, string approvedBy, DateTimeOffset approvedAt, int plansUnlocked)
    {
        Id = Ids.New();
        SuiteChangeId = suiteChangeId;
        OwnerId = ownerId;
        ApprovedBy = approvedBy;
        ApprovedAt = approvedAt;
        PlansUnlocked = plansUnlocked;
    }

    private SuiteChangeApproval()
    {
    }

    public Guid Id { get; private set; }

    public Guid SuiteChangeId { get; private set; }

    public Guid OwnerId { get; private set; }

    public string ApprovedBy { get; private set; } = string.Empty;

    public DateTimeOffset ApprovedAt { get; private set; }

    public int PlansUnlocked { get; private set; }
}
