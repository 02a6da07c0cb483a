package awsaccess

// iamOps serves the iam operations; see api_sts.go for the shape of a table.
var iamOps = map[string]opFunc{}
