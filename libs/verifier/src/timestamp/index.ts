// RFC 3161 timestamps: requests, and the check of a token against trust anchors.
export { createTimestampRequest, type TimestampRequest, type TimestampRequestOptions } from './timestamp-request.js';
export { checkTimestampReplyUntrusted, verifyTimestampReply, type VerifyTimestampOptions } from './verify-timestamp-reply.js';
export { timestampTokenInfo, type UnverifiedTimestampTokenInfo } from './timestamp-token-info.js';
export type { TimestampFailure, TimestampFailureCode, TimestampVerification, VerifiedTimestamp } from './timestamp-result.js';
