/** What other features use of the audit trail's: an audit line as a person reads it. */
export { auditActor, describeAuditEvent, shortUserAgent, type AuditItem, type AuditLookups } from './describe';
