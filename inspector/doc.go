// Package inspector is Amazon Inspector (the inspector2 API) for every
// account of a partition, per region: enablement, delegated administration
// across an AWS Organizations organization, scans of registered resources
// against an advisory database, findings, suppression rules, aggregations
// and coverage.
//
// # Operations
//
// A [Service] has one method per inspector2 operation. Each takes the
// calling principal and the region, validates its input against the
// service model's constraints (ValidationException with reason and
// fields), checks the caller's IAM permissions through the configured
// [authz.Authorizer] (inspector2:<Operation> on "*", or on the filter's ARN
// for CreateFilter, UpdateFilter and DeleteFilter, plus the dependent
// actions an operation needs), applies Inspector's own rules and returns
// the response shape of the service model, with json tags as the REST-JSON
// wire names them. Errors are *[Error] values carrying AWS's code, message
// and HTTP status, unwrapping to the sentinels [ErrAccessDenied],
// [ErrValidation], [ErrConflict], [ErrResourceNotFound],
// [ErrServiceQuotaExceeded], [ErrBadRequest], [ErrThrottling] and
// [ErrInternalServer]. Regions outside Config.Regions answer
// AccessDeniedException, as AWS does.
//
// Accounts: [Service.Enable], [Service.Disable] and
// [Service.BatchGetAccountStatus] drive per-account, per-scan-type status
// machines (ENABLING → ENABLED, DISABLING → DISABLED, SUSPENDING →
// SUSPENDED) advanced lazily by the injected clock after [EnableDelay],
// [DisableDelay] and [SuspendDelay]; refusals are reported per account in
// failedAccounts with Inspector's error codes.
//
// Organizations: [Service.EnableDelegatedAdminAccount] (management account
// only; enables trusted access, registers the delegated administrator and
// creates the service-linked role through [Organizations] and
// [Identities]), [Service.DisableDelegatedAdminAccount],
// [Service.GetDelegatedAdminAccount], [Service.ListDelegatedAdminAccounts];
// the delegated administrator associates members ([Service.AssociateMember],
// [Service.DisassociateMember], [Service.GetMember], [Service.ListMembers]),
// sets auto-enable ([Service.UpdateOrganizationConfiguration],
// [Service.DescribeOrganizationConfiguration]) and manages scanning and
// suppression rules for them. One delegated administrator per
// organization, the same account in every region.
//
// # Scans and findings
//
// The embedding program registers resources ([Service.PutEC2Instance],
// [Service.PutECRImage], [Service.PutLambdaFunction],
// [Service.RemoveResource]). A resource is scanned when its scan type
// becomes ENABLED, when it is put again, and when the advisory database's
// generation changes. The scan engine, [Scanner], matches installed
// packages against the [advisory.DB] and finds ports open to the internet
// ([OpenPorts]); it is exported for Inspector Classic.
//
// Findings follow AWS's lifecycle: ARNs arn:aws:inspector2:<region>:
// <account>:finding/<32 hex>, one per (resource, vulnerability, package
// name) or (instance, protocol, open port range); a rescan that no longer
// sees a problem closes its finding, and a problem seen again within
// [ReopenWindow] reopens it with the same ARN. PACKAGE_VULNERABILITY
// findings are titled "CVE-xxxx - pkg"; their severity is the CVSS v3 base
// score's band (INFORMATIONAL 0, LOW < 4, MEDIUM < 7, HIGH < 9, CRITICAL),
// or the vendor's rating without a score, or UNTRIAGED. Their
// inspectorScore is the base score, except on an EC2 instance with no port
// reachable from the internet, where a vulnerability with attack vector
// NETWORK is rescored with ADJACENT_NETWORK and the adjustment is listed in
// inspectorScoreDetails (AWS documents that the Inspector score is lowered
// when no open network path from the internet reaches the instance).
// NETWORK_REACHABILITY findings ("Port 22 is reachable from an Internet
// Gateway - TCP"), one per protocol and merged open port range, are rated
// by the ports they expose, as AWS's findings show without a published
// table: MEDIUM when the range includes a remote-administration,
// file-sharing or database port (FTP 20-21, SSH 22, Telnet 23, RPC and
// NetBIOS 135-139, SMB 445, MS SQL 1433-1434, Oracle 1521, NFS 2049,
// Docker 2375-2376, MySQL 3306, RDP 3389, PostgreSQL 5432, VNC 5900,
// WinRM 5985-5986, Redis 6379, Elasticsearch 9200/9300, memcached 11211,
// MongoDB 27017), else LOW when it includes another well-known port
// (0-1023, e.g. HTTP 80), else INFORMATIONAL.
//
// [Service.ListFindings] filters with every [FilterCriteria] field the model
// has data for (AND across fields; within a field, OR of its EQUALS and
// PREFIX entries and AND of the negations its NOT_EQUALS entries state),
// sorts by every SortField and paginates with opaque, stable tokens.
// [Service.ListFindingAggregations] counts ACTIVE findings for the twelve
// aggregation types, consistently with ListFindings. Suppression rules
// ([Service.CreateFilter], [Service.UpdateFilter], [Service.DeleteFilter],
// [Service.ListFilters]) are applied incrementally: each finding counts the
// SUPPRESS rules matching it. [Service.ListCoverage] and
// [Service.ListCoverageStatistics] report what is scanned;
// [Service.ListUsageTotals] what it costs.
//
// # Scale
//
// Findings are stored compactly (pointers to the registered resource and to
// interned vulnerability records, a few integers) with per-account slices
// of packed enum fields and per-account counters of ACTIVE findings, so a
// page of ListFindings over a few accounts, the ACCOUNT aggregation over a
// thousand accounts and a new suppression rule over a million findings are
// cheap; the AWS Finding is built only for output. [Service.Load] is a
// bulk loader for simulators and benchmarks.
//
// # Snapshot and restore
//
// [Service.Snapshot] writes the whole state as versioned JSON (every
// region's accounts, status timers, delegation, members, auto-enable,
// filters, resources and findings, the advisory generation last scanned
// and the id generator), streamed into one buffer; [Service.Restore]
// rebuilds a Service built with the same Config from it, indexes included,
// so that the same calls then give the same results, ids and tokens. The
// advisory database is restored first, by its own Snapshot and Restore.
//
// A Service is safe for concurrent use; see [Service] for the locking.
package inspector
