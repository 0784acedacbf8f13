-- CreateTable
CREATE TABLE "CryptoDevice" (
    "userId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "keys" TEXT NOT NULL,
    "toDeviceSeq" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "deviceId"),
    CONSTRAINT "CryptoDevice_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OneTimeKey" (
    "userId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "key" TEXT NOT NULL,

    PRIMARY KEY ("userId", "deviceId", "keyId"),
    CONSTRAINT "OneTimeKey_userId_deviceId_fkey" FOREIGN KEY ("userId", "deviceId") REFERENCES "CryptoDevice" ("userId", "deviceId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FallbackKey" (
    "userId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "used" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("userId", "deviceId", "algorithm"),
    CONSTRAINT "FallbackKey_userId_deviceId_fkey" FOREIGN KEY ("userId", "deviceId") REFERENCES "CryptoDevice" ("userId", "deviceId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ToDeviceMessage" (
    "userId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "senderId" TEXT NOT NULL,
    "senderDevice" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "deviceId", "seq"),
    CONSTRAINT "ToDeviceMessage_userId_deviceId_fkey" FOREIGN KEY ("userId", "deviceId") REFERENCES "CryptoDevice" ("userId", "deviceId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ToDeviceTxn" (
    "sessionId" TEXT NOT NULL,
    "txnId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("sessionId", "txnId"),
    CONSTRAINT "ToDeviceTxn_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeviceListChange" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "CryptoDevice_sessionId_key" ON "CryptoDevice"("sessionId");

-- CreateIndex
CREATE INDEX "OneTimeKey_userId_deviceId_algorithm_idx" ON "OneTimeKey"("userId", "deviceId", "algorithm");

-- CreateIndex
CREATE INDEX "DeviceListChange_userId_idx" ON "DeviceListChange"("userId");

