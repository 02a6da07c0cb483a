package awsaccess

// organizationsOps serves the organizations operations; see api_sts.go for the shape of a table.
var organizationsOps = map[string]opFunc{}
