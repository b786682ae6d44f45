// Dialogs pages share (in the main package, so every subpackage can use them).

/**
 * Asks a yes/no question with a reason box (an editable modal shows no text besides the title, so the
 * placeholder says what to write); resolves undefined when the user cancelled.
 */
export function confirmWithReason(title: string, placeholder: string, confirmText = '确定', confirmColor?: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    wx.showModal({
      title,
      editable: true,
      placeholderText: placeholder,
      confirmText,
      ...(confirmColor ? { confirmColor } : {}),
      cancelText: '取消',
      success: (res) => resolve(res.confirm ? String((res as { content?: string }).content ?? '').trim() : undefined),
      fail: () => resolve(undefined),
    });
  });
}
