// Package authn is the identity side of the model: who a request comes
// from, what credentials prove it, and which policies and condition keys
// follow from that for package authz.
//
// # The identity store
//
// A [Directory] holds the accounts of one partition, created explicitly
// with [Directory.CreateAccount]. Each [Account] has its root user (email,
// console password, MFA, access keys) and an IAM store: users (path, name,
// AIDA... unique id, tags, console password, MFA devices, at most two
// access keys, groups), groups, roles (trust policy, maximum session
// duration of 1 to 12 hours, permissions boundary, tags), instance
// profiles (one role each), customer managed policies with up to five
// versions, inline policies, OIDC and SAML identity providers, and
// service-linked roles under /aws-service-role/SERVICE/ that trust only
// their service and that callers may not change (UnmodifiableEntity).
// AWS managed policies (arn:aws:iam::aws:policy/...) come from package
// [github.com/seed-e2e06c4d/awsaccess/authn/managed].
//
// ARNs, unique ids (AIDA, AROA, AGPA, AIPA, ANPA), access key ids (AKIA,
// ASIA, encoding the account as AWS's keys do: [AccountOfAccessKey]),
// quotas, name rules and error codes and messages are IAM's and STS's. Every
// error is an [*Error] (code, message, HTTP status, the shape of
// smithy-go's APIError) wrapping a sentinel such as [ErrNoSuchEntity].
//
// Console passwords are checked against the account's password policy (or
// AWS's default policy) and stored only as PBKDF2-HMAC-SHA256 hashes with
// a random salt. Virtual MFA devices are RFC 6238 TOTP (SHA-1, six digits,
// 30-second steps, one step of tolerance either way, no code accepted
// twice); see [TOTP].
//
// # Credentials and request context
//
// [Directory.Resolve] maps an access key id to an [Identity]: an active
// long-term key of a user or root user, or an unexpired STS session (the
// injected clock decides; expired sessions fail with ExpiredToken).
// [Directory.LookupKey] makes the Directory a sigv4.KeyResolver.
// [Directory.PolicyContext] returns what authz needs about a principal: its
// identity-based policies (a user's own and its groups', a role's), its
// permissions boundary, its session policies, and the condition keys
// aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType, aws:userid,
// aws:username, aws:PrincipalTag/*, aws:MultiFactorAuthPresent,
// aws:MultiFactorAuthAge, aws:TokenIssueTime and aws:SourceIdentity. The
// compiled policy lists are cached per user and role and rebuilt after any
// change that affects them.
//
// # STS
//
// [Directory.AssumeRole], [Directory.AssumeRoleWithWebIdentity],
// [Directory.AssumeRoleWithSAML], [Directory.GetFederationToken],
// [Directory.GetSessionToken] and [Directory.GetCallerIdentity] follow
// STS's rules: trust policies evaluated as resource-based policies with
// the caller's identity-based policies (same-account and cross-account
// rules), ExternalId, MFA, duration bounds and the one-hour cap of role
// chaining, session policies that only narrow, session tags (with
// sts:TagSession) and transitive tags, a source identity (with
// sts:SetSourceIdentity) that persists through chains. Authorization goes
// through the Config's authz.Authorizer, never while the Directory's lock
// is held, so an Authorizer may call back into the Directory; without one
// the built-in [Authorizer] evaluates the Directory's own policies without
// SCPs.
//
// Web identity tokens are real JWTs whose RS256 or ES256 signature is
// checked ([ParseJWT], [JWT.Verify]). The model does not fetch an OIDC
// provider's keys from its jwks_uri: they are registered with
// [Account.SetOpenIDConnectProviderKeys]. SAML assertions are taken as
// already-parsed fields ([SAMLAssertion]); the model does not parse or
// verify XML signatures.
//
// # EC2 instances
//
// [Directory.RegisterInstance] gives an instance an instance profile, and
// [Directory.InstanceMetadata] serves its IMDSv2 endpoint as an
// http.Handler: a PUT for a session token, then the role name and the
// role's credentials as EC2 serves them, rotated when less than five
// minutes remain.
//
// # Concurrency, time and ids
//
// A Directory is safe for concurrent use: one read-write mutex guards it,
// and it starts no goroutines. The clock (Config.Now) and the source of
// ids, secrets and tokens (Config.Rand) are injected: the same seed and
// the same calls give the same world.
//
// # Snapshots
//
// [Directory.Snapshot] writes the whole state as JSON (accounts, entities,
// password hashes, MFA seeds, access keys, STS sessions with their
// credentials, instances and their IMDS tokens) and [Directory.Restore]
// reads it back into a Directory built with the same Config, checking it
// first: credentials issued before the snapshot keep working after the
// restore, and with the reader of ids in the same state the same calls
// give the same ids, secrets and tokens.
package authn
