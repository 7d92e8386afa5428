namespace LicensingPortal.Domain.Billing;

/// <summary>R24: what a list price is for. A yearly price is charged as a twelfth per month, prorated by day like a monthly one.</summary>
public enum BillingPeriod
{
    Monthly = 0,
    Yearly = 1,
}
